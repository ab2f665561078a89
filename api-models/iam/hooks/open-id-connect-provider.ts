import type { ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/**
 * GetOpenIDConnectProvider reports the URL without its scheme (`oidc.example.com/id`) where
 * CreateOpenIDConnectProvider and ACK's `spec.url` take it with one (`https://oidc.example.com/id`):
 * the same provider, so read it back as the spec spells it (the URL is immutable; a spelling
 * difference would otherwise be drift nothing can correct).
 */
export function urlAsSpecified(output: SdkObject, desired: ResourceView): SdkObject {
  const read = output.Url;
  const wanted = desired.spec.url;
  if (typeof read !== 'string' || typeof wanted !== 'string' || read === wanted) return output;
  return wanted.replace(/^https:\/\//i, '') === read ? { ...output, Url: wanted } : output;
}

export const openIDConnectProvider: ResourceHooks = {
  afterReadOne: (output, desired) => urlAsSpecified(output, desired),
};
