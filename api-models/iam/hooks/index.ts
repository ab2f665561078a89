import type { ServiceHooks } from '../../../runtime/descriptor';
import { policy } from './policy';
import { role, user } from './role';

export const hooks: ServiceHooks = { Policy: policy, Role: role, User: user };
