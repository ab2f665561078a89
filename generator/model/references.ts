import { GeneratorError } from '../errors';
import type { FieldConfig } from '../config/types';
import { apiGroup, names, pluralOf } from '../names';
import { singularize } from './inflect';
import type { ReferenceField, ResourceField } from './types';

/** Referenced ACK kinds live in their controller's first API version. */
const REFERENCED_VERSION = 'v1alpha1';

// ACK's code-generator GetReferenceFieldName: a plural identifier suffix makes `Refs`, a singular one `Ref`.
const PLURAL_SUFFIXES = ['ids', 'Ids', 'IDs', 'IDS', 'names', 'Names', 'NAMES', 'arns', 'Arns', 'ARNs', 'ARNS'];
const SINGULAR_SUFFIXES = ['id', 'Id', 'ID', 'name', 'Name', 'NAME', 'arn', 'Arn', 'ARN'];

/** The reference field's ACK name: RoleArn → RoleRef, SubnetIds → SubnetRefs. */
export function referenceFieldName(member: string, many: boolean): string {
  for (const s of PLURAL_SUFFIXES) if (member.endsWith(s) && member.length > s.length) return `${member.slice(0, -s.length)}Refs`;
  for (const s of SINGULAR_SUFFIXES) if (member.endsWith(s) && member.length > s.length) return `${member.slice(0, -s.length)}Ref`;
  return many ? `${singularize(member)}Refs` : `${member}Ref`;
}

/** An ACK Go field path (Status.ACKResourceMetadata.ARN) as the JSON path it names (status.ackResourceMetadata.arn). */
export function referencePath(goPath: string): string {
  return goPath
    .split('.')
    .map((seg) => (seg === 'ACKResourceMetadata' ? 'ackResourceMetadata' : names(seg).camelLower))
    .join('.');
}

export interface ReferencesInput {
  readonly spec: readonly ResourceField[];
  readonly status: readonly ResourceField[];
  readonly fieldConfigs: Readonly<Record<string, FieldConfig>>;
  /** The service's own API group, for references without service_name. */
  readonly group: string;
  readonly at: (path: string) => { file: string; at: string };
}

/**
 * Field configs with `references` → reference fields, and the spec with those targets no longer
 * required (either the field or its reference may be given, as in ACK). Pure.
 */
export function inferReferences(input: ReferencesInput): { spec: ResourceField[]; references: ReferenceField[] } {
  const { fieldConfigs, at } = input;
  const references: ReferenceField[] = [];
  const targets = new Set<string>();
  for (const [path, fc] of Object.entries(fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ref = fc.references;
    if (!ref) continue;
    const loc = at(`fields.${path}.references`);
    if (path.includes('.')) throw new GeneratorError(loc, 'references on a nested field are not supported', 'reference a top-level spec field');
    const target = input.spec.find((f) => f.member.toLowerCase() === path.toLowerCase());
    if (!target) {
      const inStatus = input.status.some((f) => f.member.toLowerCase() === path.toLowerCase());
      throw new GeneratorError(loc, inStatus ? `"${path}" is a status field; only spec fields take references` : `"${path}" names no spec field`);
    }
    const many = target.type.kind === 'list';
    const json = names(referenceFieldName(target.member, many)).camelLower;
    if (input.spec.some((f) => f.json === json)) throw new GeneratorError(loc, `the reference field "${json}" clashes with a spec field of that name`);
    const kind = names(ref.resource).camel;
    references.push({
      json,
      target: target.json,
      many,
      group: ref.service_name ? apiGroup(ref.service_name) : input.group,
      version: REFERENCED_VERSION,
      kind,
      plural: pluralOf(kind),
      path: referencePath(ref.path),
      skipResourceStateValidations: ref.skip_resource_state_validations === true,
    });
    targets.add(target.json);
  }
  const spec = input.spec.map((f) => (targets.has(f.json) && f.required ? { ...f, required: false } : f));
  return { spec, references: references.sort((a, b) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0)) };
}
