import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { statefulResource } from './common/stateful';

/** Studio's images, tracking servers and partner apps: busy while AWS changes them, gone only when a read says so. */
export const image: ResourceHooks = statefulResource({ kind: 'Image', path: 'status.imageStatus', modifying: ['CREATING', 'UPDATING', 'DELETING'] });
export const imageVersion: ResourceHooks = statefulResource({ kind: 'ImageVersion', path: 'status.imageVersionStatus', modifying: ['CREATING', 'DELETING'] });
export const mlflowTrackingServer: ResourceHooks = statefulResource({
  kind: 'MlflowTrackingServer',
  path: 'status.trackingServerStatus',
  modifying: ['Creating', 'Updating', 'Deleting', 'Stopping', 'Starting', 'MaintenanceInProgress'],
});
export const partnerApp: ResourceHooks = statefulResource({ kind: 'PartnerApp', path: 'status.status', modifying: ['Creating', 'Updating', 'Deleting'], terminal: 'Failed' });
export const studioLifecycleConfig: ResourceHooks = immutableKind('StudioLifecycleConfig', 'create a new StudioLifecycleConfig with a new studioLifecycleConfigName');
