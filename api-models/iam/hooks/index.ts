import type { ServiceHooks } from '../../../runtime/descriptor';
import { openIDConnectProvider } from './open-id-connect-provider';
import { policy } from './policy';
import { role, user } from './role';
import { serviceLinkedRole } from './service-linked-role';

export const hooks: ServiceHooks = { OpenIDConnectProvider: openIDConnectProvider, Policy: policy, Role: role, ServiceLinkedRole: serviceLinkedRole, User: user };
