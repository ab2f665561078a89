import { GeneratorError } from '../errors';
import type { FieldConfig } from '../config/types';
import { apiGroup, names, pluralOf } from '../names';
import { singularize } from './inflect';
import type { ShapeTypes } from './shape-types';
import type { Field, ReferenceField, ResourceField } from './types';

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
  readonly types: Pick<ShapeTypes, 'members'>;
  readonly at: (path: string) => { file: string; at: string };
}

interface Located {
  readonly target: Field;
  /** JSON names of the structures above the target, through list items (vpcConfig; actions). */
  readonly at: readonly string[];
  /** The structure shape holding the target, for nested targets. */
  readonly container?: ResourceField['type']['shape'];
  /** The fields beside the target, where the reference field goes too. */
  readonly siblings: readonly Field[];
}

/**
 * A config path (VpcConfig.SubnetIds; DefaultActions.TargetGroupArn through a list of structures)
 * → the spec field it names. Segments match the Smithy member or the ACK JSON name, case-insensitively.
 */
function locate(path: string, input: ReferencesInput, loc: { file: string; at: string }): Located {
  const segs = path.split('.');
  let fields: readonly Field[] = input.spec;
  let container: Located['container'];
  const at: string[] = [];
  for (let i = 0; ; i++) {
    const seg = segs[i]!;
    const f = fields.find((x) => x.member.toLowerCase() === seg.toLowerCase()) ?? fields.find((x) => x.json.toLowerCase() === seg.toLowerCase());
    if (!f) {
      if (i === 0 && input.status.some((x) => x.member.toLowerCase() === seg.toLowerCase())) {
        throw new GeneratorError(loc, `"${path}" is a status field; only spec fields take references`);
      }
      throw new GeneratorError(loc, i === 0 ? `"${path}" names no spec field` : `"${seg}" is not a member of ${segs.slice(0, i).join('.')}`, i === 0 ? undefined : `members are ${fields.map((x) => x.member).join(', ')}`);
    }
    if (i === segs.length - 1) return { target: f, at, ...(container ? { container } : {}), siblings: fields };
    let t = f.type;
    while (t.kind === 'list') t = t.item;
    if (t.kind !== 'struct') throw new GeneratorError(loc, `"${segs.slice(0, i + 1).join('.')}" is not a structure or a list of structures, so "${path}" cannot be reached`);
    at.push(f.json);
    container = t.shape;
    fields = input.types.members(t.shape);
  }
}

/**
 * Field configs with `references` → reference fields, and the spec with those targets no longer
 * required (either the field or its reference may be given, as in ACK). A nested path puts the
 * reference field beside its target in the structure (vpcConfig.subnetRefs), in every item when
 * the way there crosses a list. Pure.
 */
export function inferReferences(input: ReferencesInput): { spec: ResourceField[]; references: ReferenceField[] } {
  const { fieldConfigs, at } = input;
  const references: ReferenceField[] = [];
  const targets = new Set<string>();
  for (const [path, fc] of Object.entries(fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ref = fc.references;
    if (!ref) continue;
    const loc = at(`fields.${path}.references`);
    const { target, at: parents, container, siblings } = locate(path, input, loc);
    if (target.type.kind !== 'string' && !(target.type.kind === 'list' && target.type.item.kind === 'string')) {
      throw new GeneratorError(loc, `"${path}" is a ${target.type.kind}; a reference fills a string or a list of strings`);
    }
    const many = target.type.kind === 'list';
    const json = names(referenceFieldName(target.member, many)).camelLower;
    if (siblings.some((f) => f.json === json)) throw new GeneratorError(loc, `the reference field "${json}" clashes with a spec field of that name`);
    if (references.some((r) => r.json === json && r.at.join('.') === parents.join('.'))) throw new GeneratorError(loc, `two references make the field "${[...parents, json].join('.')}"`);
    const kind = names(ref.resource).camel;
    references.push({
      json,
      target: target.json,
      at: parents,
      ...(container ? { container } : {}),
      targetRequired: target.required,
      many,
      group: ref.service_name ? apiGroup(ref.service_name) : input.group,
      version: REFERENCED_VERSION,
      kind,
      plural: pluralOf(kind),
      path: referencePath(ref.path),
      skipResourceStateValidations: ref.skip_resource_state_validations === true,
    });
    if (parents.length === 0) targets.add(target.json);
  }
  const spec = input.spec.map((f) => (targets.has(f.json) && f.required ? { ...f, required: false } : f));
  const key = (r: ReferenceField) => [...r.at, r.json].join('.');
  return { spec, references: references.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}
