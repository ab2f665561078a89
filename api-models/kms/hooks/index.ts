import type { ServiceHooks } from '../../../runtime/descriptor';
import { grant } from './grant';
import { key } from './key';

export const hooks: ServiceHooks = { Grant: grant, Key: key };
