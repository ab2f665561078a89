import type { ServiceHooks } from '../../../runtime/descriptor';
import { bucket } from './bucket';

export const hooks: ServiceHooks = { Bucket: bucket };
