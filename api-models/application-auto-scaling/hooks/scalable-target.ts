import type { ResourceHooks } from '../../../runtime/descriptor';
import { lastModifiedTime } from './last-modified-time';

// Identity (namespace, resource ID, dimension), the ResourceIds filter and Register-as-update are
// descriptor data; ACK's suspendedState defaults fill only unset fields, never drift in the runtime.
export const scalableTarget: ResourceHooks = { ...lastModifiedTime };
