import type { ResourceHooks, ResourceView, SdkObject, UpdateEffects } from '../../../runtime/descriptor';

/**
 * AWS keeps no modification time for targets and policies; ACK keeps one in status: the creation
 * time at first, then the time of each update by the controller. Users compare it across updates.
 */
export function withInitialLastModifiedTime(item: SdkObject, current: ResourceView): SdkObject {
  if (current.status.lastModifiedTime !== undefined || item.CreationTime === undefined) return item;
  return { ...item, LastModifiedTime: item.CreationTime };
}

export function updatedNow(now: Date): UpdateEffects {
  return { status: { lastModifiedTime: rfc3339Seconds(now) } };
}

/** metav1.Time's format: second precision, "Z". */
export function rfc3339Seconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const lastModifiedTime: Pick<ResourceHooks, 'afterReadOne' | 'afterUpdate'> = {
  afterReadOne: (item, desired) => withInitialLastModifiedTime(item, desired),
  afterUpdate: () => updatedNow(new Date()),
};
