// kubectl calls a test expects to succeed: a refusal throws, with kubectl's own message.
import { stringify } from 'yaml';
import { kubectl } from '../env/context';

/** kubectl `args` (with `input` on stdin); its stdout, or an error naming the command and its stderr. */
export function kubectlOk(args: string[], input?: string): string {
  const r = kubectl(args, input === undefined ? {} : { input });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `kubectl apply -n <namespace>` of manifests, as objects or YAML text, in one call. */
export function applyIn(namespace: string, ...manifests: (object | string)[]): void {
  kubectlOk(['apply', '-n', namespace, '-f', '-'], manifests.map((m) => (typeof m === 'string' ? m : stringify(m))).join('\n---\n'));
}

/** A custom resource of an ACK API group (v1alpha1), as a user writes one. */
export const ackManifest = (group: string, kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: `${group}/v1alpha1`,
  kind,
  metadata: { name, annotations },
  spec,
});
