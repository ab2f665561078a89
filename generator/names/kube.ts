import { pluralize } from './flect';

const memo = <T>(f: (s: string) => T): ((s: string) => T) => {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
};

/**
 * The CRD plural, as controller-gen computes it: `strings.ToLower(flect.Pluralize(kind))`.
 * Pluralizing before lower-casing matters: flect inflects only the last camel word.
 */
export const pluralOf = memo((kind: string): string => pluralize(kind).toLowerCase());

/** File name for a kind: `HyperParameterTuningJob` → `hyper-parameter-tuning-job`, `EC2Instance` → `ec2-instance`. */
export const kebabCase = memo((kind: string): string =>
  kind
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase(),
);

/** `<controller_name | service without dashes>.services.k8s.aws`, e.g. `applicationautoscaling.services.k8s.aws`. */
export function apiGroup(service: string, controllerName?: string): string {
  return `${controllerName ?? service.replace(/-/g, '').toLowerCase()}.services.k8s.aws`;
}
