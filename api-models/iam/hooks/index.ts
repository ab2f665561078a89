import type { ServiceHooks } from '../../../runtime/descriptor';
import { policy } from './policy';
import { role, user } from './role';
import { serviceLinkedRole } from './service-linked-role';

export const hooks: ServiceHooks = { Policy: policy, Role: role, ServiceLinkedRole: serviceLinkedRole, User: user };
