import { GeneratorError } from '../errors';
import type { FieldConfig, ResourceConfig } from '../config/types';
import { names } from '../names';
import { toResourceField } from './fields';
import type { AttributeMap, ResourceField } from './types';

/**
 * ACK's attribute maps (unpack_attributes_map / is_attribute): SNS and SQS keep most of a resource's
 * settings in one `Attributes` string map of the Create and Get/Set<R>Attributes operations. Each
 * `is_attribute` field config becomes a string field of its own: spec, or status when is_read_only.
 */

/** The member holding the map, in ACK's code as in every SNS/SQS operation. */
export const ATTRIBUTES_MEMBER = 'Attributes';

export function usesAttributeMap(rc: ResourceConfig): boolean {
  return rc.unpack_attributes_map !== undefined || Object.values(rc.fields ?? {}).some((fc) => fc.is_attribute === true);
}

export interface AttributeFieldsInput {
  readonly rc: ResourceConfig;
  /** Fields already found (e.g. CreatePlatformEndpoint's Token is a member and an attribute): kept as they are. */
  readonly spec: readonly ResourceField[];
  readonly status: readonly ResourceField[];
  readonly at: (path: string) => { file: string; at: string };
}

export interface AttributeFields {
  readonly spec: ResourceField[];
  readonly status: ResourceField[];
  readonly map: AttributeMap;
}

/** The `is_attribute` fields as string spec/status fields, and what the runtime needs to pack and unpack them. */
export function attributeFields(input: AttributeFieldsInput): AttributeFields {
  const { rc, at } = input;
  const spec = [...input.spec];
  const status = [...input.status];
  const specAttributes: string[] = [];
  const entries = Object.entries(rc.fields ?? {}).filter(([, fc]) => fc.is_attribute === true);
  for (const [path, fc] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.includes('.')) throw new GeneratorError(at(`fields.${path}.is_attribute`), 'an attribute is a top-level field', 'attribute maps hold top-level string fields only');
    if (fc.type !== undefined && fc.type !== 'string' && fc.type !== '*string') {
      throw new GeneratorError(at(`fields.${path}.type`), `attributes are strings, not "${fc.type}"`, 'remove type: or set it to string');
    }
    const target = fc.is_read_only ? status : spec;
    const existing = [...spec, ...status].find((f) => f.member.toLowerCase() === path.toLowerCase());
    if (!existing) target.push(attributeField(path, fc));
    if (!fc.is_read_only) specAttributes.push(existing?.member ?? path);
  }
  const single = rc.unpack_attributes_map?.set_attributes_single_attribute === true;
  return { spec, status, map: { member: ATTRIBUTES_MEMBER, fields: specAttributes.sort(), singleAttribute: single } };
}

function attributeField(member: string, fc: FieldConfig): ResourceField {
  const field = {
    json: names(member).camelLower,
    member,
    type: { kind: 'string' as const, shape: 'smithy.api#String' },
    required: false,
    sensitive: false,
  };
  return toResourceField(field, fc);
}

/** get_attributes_input.overrides: fixed input values of the Get<R>Attributes call (SQS: AttributeNames [All]). */
export function getAttributesOverrides(rc: ResourceConfig): Record<string, unknown> | undefined {
  const overrides = rc.unpack_attributes_map?.get_attributes_input?.overrides;
  if (!overrides) return undefined;
  return Object.fromEntries(Object.entries(overrides).map(([member, o]) => [member, [...(o.values ?? [])]]));
}
