import { crossNamespacePlacement, type Advisory } from '../../cross-namespace';
import type { SecretKeyReference } from '../../descriptor';
import { isObject, type JsonObject } from '../../convert/paths';
import type { Outcome } from '../outcome';
import type { RunState } from '../run-state';
import { recoverable, terminal } from './failures';

const SECRETS = { group: '', version: 'v1', plural: 'secrets' } as const;

export type SecretsResult = { readonly kind: 'resolved'; readonly spec: JsonObject } | { readonly kind: 'outcome'; readonly outcome: Outcome };

/**
 * ACK is_secret fields: each SecretKeyReference in the spec is replaced, for the AWS calls of this
 * reconcile only, by the value under its key in the Kubernetes Secret (namespace: the resource's
 * unless the reference names one). The values are remembered for scrubbing and never stored.
 * As in ACK only Opaque Secrets are accepted; a missing Secret or key is retried (ACK: Terminal),
 * since creating the Secret later is the usual fix.
 */
export async function resolveSecrets(s: RunState, spec: JsonObject): Promise<SecretsResult> {
  const fields = (s.shapes[s.d.specShape] ?? []).filter((f) => f.secret);
  let out = spec;
  for (const f of fields) {
    const ref = spec[f.json];
    if (!isObject(ref)) continue;
    const r = ref as unknown as SecretKeyReference;
    const place = crossNamespacePlacement('secret reference', s.cur.metadata.namespace ?? '', { name: r.name ?? '', namespace: r.namespace }, s.env.enableCrossNamespace !== false);
    if (!place.allowed) return { kind: 'outcome', outcome: await terminal(s, 'CrossNamespaceSecretReference', place.refusal) };
    if (place.advisory) advise(s, place.advisory);
    const namespace = place.namespace;
    const secret = r.name ? ((await s.env.objects?.get(SECRETS, namespace, r.name)) as unknown as { type?: string; data?: Record<string, string> } | undefined) : undefined;
    if (secret && secret.type !== undefined && secret.type !== 'Opaque') {
      return { kind: 'outcome', outcome: await terminal(s, 'SecretTypeNotSupported', `only opaque secrets can be used: ${namespace}/${r.name}`) };
    }
    const encoded = secret?.data?.[r.key];
    if (encoded === undefined) {
      return { kind: 'outcome', outcome: await recoverable(s, 'SecretNotFound', `kubernetes secret not found: ${namespace}/${r.name ?? ''} key ${r.key} (spec.${f.json})`) };
    }
    const value = Buffer.from(encoded, 'base64').toString('utf8');
    s.secretValues.push(value);
    out = { ...out, [f.json]: value };
  }
  return { kind: 'resolved', spec: out };
}

/** ACK keys advisories by reason: a resource reference's advisory, if any, already says it. */
function advise(s: RunState, advisory: Advisory): void {
  const known = s.referenceConditions.advisories ?? [];
  if (known.some((a) => a.reason === advisory.reason)) return;
  s.env.log.info('cross-namespace secret reference detected; this behavior will be disabled by default in a future release', { advisory: advisory.reason });
  s.referenceConditions = { ...s.referenceConditions, advisories: [...known, advisory] };
}
