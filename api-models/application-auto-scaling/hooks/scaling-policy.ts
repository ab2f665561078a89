import type { ResourceHooks } from '../../../runtime/descriptor';
import { lastModifiedTime } from './last-modified-time';

// Identity (plus policyName) and Put-as-update are descriptor data.
export const scalingPolicy: ResourceHooks = { ...lastModifiedTime };
