import type { ServiceHooks } from '../../../runtime/descriptor';
import { policy } from './policy';
import { role } from './role';

export const hooks: ServiceHooks = { Policy: policy, Role: role };
