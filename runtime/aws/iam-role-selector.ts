/**
 * IAMRoleSelector (`services.k8s.aws/v1alpha1`, cluster-scoped): which role a resource's AWS calls
 * use, chosen by namespace, resource type and labels. Pure: parsing, validation and matching, with
 * ACK's rules (reference §13.4): AND across the three selectors, OR over names and over type entries,
 * `matchLabels` equality, an empty selector matches everything.
 */
import type { KubeObject } from '../k8s/types';

export const IAM_ROLE_SELECTORS = { group: 'services.k8s.aws', version: 'v1alpha1', plural: 'iamroleselectors' } as const;

export interface TypeSelector {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface IamRoleSelector {
  readonly name: string;
  readonly resourceVersion: string;
  readonly arn: string;
  /** Empty: any namespace name. */
  readonly namespaceNames: readonly string[];
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** Empty: any type. Inside an entry, "" is a wildcard. */
  readonly resourceTypes: readonly TypeSelector[];
  readonly resourceLabels: Readonly<Record<string, string>>;
}

/** What a selector is matched against: the resource and its namespace. */
export interface SelectionSubject {
  readonly namespace: string;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type Selection =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly selector: IamRoleSelector }
  | { readonly kind: 'many'; readonly names: readonly string[] };

export type Parsed = { readonly ok: true; readonly selector: IamRoleSelector } | { readonly ok: false; readonly error: string };

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/.+$/;

/** The account of an IAM role ARN (`arn:aws:iam::111122223333:role/x` → 111122223333). */
export function roleAccount(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[2];
}

/** A stored IAMRoleSelector → its validated form, or one line saying what is wrong with it. */
export function parseSelector(obj: KubeObject): Parsed {
  const where = `IAMRoleSelector ${obj.metadata.name}`;
  const fail = (msg: string): Parsed => ({ ok: false, error: `${where}: ${msg}` });
  const spec = obj.spec ?? {};
  const arn = spec.arn;
  if (typeof arn !== 'string' || arn === '') return fail('spec.arn is empty');
  if (!ROLE_ARN.test(arn)) return fail(`spec.arn "${arn}" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`);

  const ns = record(spec.namespaceSelector);
  const names = ns?.names === undefined ? [] : ns.names;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) return fail('spec.namespaceSelector.names must be a list of names');
  if (names.some((n) => n === '')) return fail('spec.namespaceSelector.names has an empty name');
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) return fail(`spec.namespaceSelector.names lists "${dup}" twice`);
  const nsLabels = matchLabels(record(ns?.labelSelector)?.matchLabels);
  if (typeof nsLabels === 'string') return fail(`spec.namespaceSelector.labelSelector.matchLabels ${nsLabels}`);

  const types: TypeSelector[] = [];
  const rawTypes = spec.resourceTypeSelector ?? [];
  if (!Array.isArray(rawTypes)) return fail('spec.resourceTypeSelector must be a list');
  for (const [i, t] of rawTypes.entries()) {
    const e = record(t) ?? {};
    const entry = { group: str(e.group), version: str(e.version), kind: str(e.kind) };
    if (!entry.group && !entry.version && !entry.kind) return fail(`spec.resourceTypeSelector[${i}] needs at least one of group, version, kind`);
    if (types.some((x) => x.group === entry.group && x.version === entry.version && x.kind === entry.kind)) {
      return fail(`spec.resourceTypeSelector[${i}] repeats ${entry.group}/${entry.version}/${entry.kind}`);
    }
    types.push(entry);
  }
  const resLabels = matchLabels(record(spec.resourceLabelSelector)?.matchLabels);
  if (typeof resLabels === 'string') return fail(`spec.resourceLabelSelector.matchLabels ${resLabels}`);

  return {
    ok: true,
    selector: {
      name: obj.metadata.name,
      resourceVersion: obj.metadata.resourceVersion ?? '',
      arn,
      namespaceNames: names as string[],
      namespaceLabels: nsLabels,
      resourceTypes: types,
      resourceLabels: resLabels,
    },
  };
}

export function selectorMatches(s: IamRoleSelector, subject: SelectionSubject): boolean {
  const nameOk = s.namespaceNames.length === 0 || s.namespaceNames.includes(subject.namespace);
  const typeOk =
    s.resourceTypes.length === 0 ||
    s.resourceTypes.some((t) => (!t.group || t.group === subject.group) && (!t.version || t.version === subject.version) && (!t.kind || t.kind === subject.kind));
  return nameOk && labelsMatch(s.namespaceLabels, subject.namespaceLabels) && typeOk && labelsMatch(s.resourceLabels, subject.labels);
}

/** The selectors that match, by name: none, exactly one (its role is used), or several (an error: ACK refuses to guess). */
export function selectRole(selectors: Iterable<IamRoleSelector>, subject: SelectionSubject): Selection {
  const matched = [...selectors].filter((s) => selectorMatches(s, subject)).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (matched.length === 0) return { kind: 'none' };
  if (matched.length === 1) return { kind: 'one', selector: matched[0]! };
  return { kind: 'many', names: matched.map((s) => s.name) };
}

function labelsMatch(wanted: Readonly<Record<string, string>>, have: Readonly<Record<string, string>>): boolean {
  return Object.entries(wanted).every(([k, v]) => have[k] === v);
}

function matchLabels(v: unknown): Record<string, string> | string {
  if (v === undefined || v === null) return {};
  const r = record(v);
  if (!r) return 'must be a map of label keys to values';
  for (const [k, val] of Object.entries(r)) {
    if (k === '') return 'has an empty label key';
    if (typeof val !== 'string') return `value of "${k}" must be a string`;
  }
  return r as Record<string, string>;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
