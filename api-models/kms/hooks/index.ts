import type { ServiceHooks } from '../../../runtime/descriptor';
import { key } from './key';

export const hooks: ServiceHooks = { Key: key };
