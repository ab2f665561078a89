import type { ResourceHooks } from '../../../runtime/descriptor';
import { studioResource } from './studio';

export const userProfile: ResourceHooks = studioResource('UserProfile');
