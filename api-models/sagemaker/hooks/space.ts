import type { ResourceHooks } from '../../../runtime/descriptor';
import { studioResource } from './studio';

export const space: ResourceHooks = studioResource('Space');
