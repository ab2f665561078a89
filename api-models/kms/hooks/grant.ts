import type { ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/**
 * ListGrants names the grant's key by its ARN (`arn:aws:kms:…:key/<id>`) where the spec may give
 * the bare KeyId: the same key, so read it back as the spec spells it. Grants cannot change, so a
 * spelling difference would otherwise be a refused (Terminal) update.
 */
export function keyAsSpecified(item: SdkObject, desired: ResourceView): SdkObject {
  const listed = item.KeyId;
  const wanted = desired.spec.keyID;
  if (typeof listed !== 'string' || typeof wanted !== 'string' || listed === wanted) return item;
  const same = listed.endsWith(`:key/${wanted}`) || wanted.endsWith(`:key/${listed}`);
  return same ? { ...item, KeyId: wanted } : item;
}

export const grant: ResourceHooks = {
  afterReadOne: (item, desired) => keyAsSpecified(item, desired),
};
