import type { ShapeId } from '../smithy/types';
import { isTrivial, toRe2 } from '../model/re2';
import type { Field, ReferenceField, Resource, ResourceField, ServiceModel, TypeRef } from '../model/types';

/**
 * Resource → CustomResourceDefinition (apiextensions.k8s.io/v1), as a plain
 * object in a fixed key order so that its YAML is byte-identical across runs.
 */

export type Schema = { [key: string]: unknown };

const IMMUTABLE = { rule: 'self == oldSelf', message: 'Value is immutable once set' };
/**
 * No object bigger than a request (3 MiB) reaches the API server, so a larger maximum says nothing;
 * it only makes the API server price CEL rules on the field (self == oldSelf) beyond its budget
 * (Redshift's names are @length(max: 2147483647)). Such bounds are left out.
 */
const MEANINGFUL_MAX = 3 * 1024 * 1024;

type Context = 'spec' | 'status';

interface SchemaBuilder {
  fieldSchema(f: Field, ctx: Context, path: readonly ShapeId[], jsonPath: string): Schema;
  /** Reference fields that sit in the spec structure at this JSON path (vpcConfig → subnetRefs). */
  referencesAt(jsonPath: string): readonly ReferenceField[];
}

/**
 * The API server refuses a request over 3 MiB and etcd stores at most 1.5 MiB, and every CRD costs
 * the API server memory. A kind whose schema is larger than this (QuickSight's Dashboard is 3.5 MB
 * with its docs) is trimmed until it fits: first nested descriptions go, then structures deeper
 * than some level accept any fields (x-kubernetes-preserve-unknown-fields), the depth lowered
 * until the schema fits. The spec's description says so.
 */
export const CRD_BUDGET_BYTES = 1 << 20;

export interface Trim {
  readonly nestedDocs: boolean;
  /** Structures nested deeper than this many levels are left open; undefined: no limit. */
  readonly maxDepth?: number;
}

export function toCrd(resource: Resource, model: ServiceModel): Schema {
  const full = crdWith(resource, model, { nestedDocs: true });
  if (JSON.stringify(full).length <= CRD_BUDGET_BYTES) return full;
  let trimmed = crdWith(resource, model, { nestedDocs: false });
  for (let depth = 16; JSON.stringify(trimmed).length > CRD_BUDGET_BYTES && depth > 0; depth -= 2) {
    trimmed = crdWith(resource, model, { nestedDocs: false, maxDepth: depth });
  }
  return trimmed;
}

function crdWith(resource: Resource, model: ServiceModel, trim: Trim): Schema {
  const builder = schemaBuilder(model, new Set(resource.immutable), trim, resource.references);
  const version: Schema = {
    name: model.version,
    served: true,
    storage: true,
    subresources: { status: {} },
    ...(resource.printerColumns.length > 0
      ? {
          additionalPrinterColumns: resource.printerColumns.map((c) => ({
            name: c.name,
            type: c.type,
            ...(c.priority ? { priority: c.priority } : {}),
            jsonPath: c.jsonPath,
          })),
        }
      : {}),
    schema: {
      openAPIV3Schema: {
        description: `${resource.kind} is the Schema for the ${resource.plural} API`,
        type: 'object',
        properties: {
          apiVersion: {
            description:
              'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
            type: 'string',
          },
          kind: {
            description:
              'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.',
            type: 'string',
          },
          metadata: { type: 'object' },
          spec: specSchema(resource, builder, trim),
          status: statusSchema(resource, builder),
        },
        required: ['spec'],
      },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${resource.plural}.${model.group}` },
    spec: {
      group: model.group,
      names: {
        kind: resource.kind,
        listKind: `${resource.kind}List`,
        plural: resource.plural,
        singular: resource.singular,
        ...(resource.shortNames.length > 0 ? { shortNames: resource.shortNames } : {}),
        categories: resource.categories,
      },
      scope: 'Namespaced',
      versions: [version],
    },
  };
}

function objectOf(fields: readonly Field[], ctx: Context, b: SchemaBuilder, stack: readonly ShapeId[], base: string): Schema {
  // A nested reference field sits beside its target, which it makes optional (one or the other).
  const refs = ctx === 'spec' && base ? b.referencesAt(base) : [];
  const withRefs = [...fields, ...refs.map((r) => ({ json: r.json, ref: r }))].sort((x, y) => (x.json < y.json ? -1 : x.json > y.json ? 1 : 0));
  const properties: Schema = {};
  for (const f of withRefs) {
    properties[f.json] = 'ref' in f ? referenceSchema(f.ref) : b.fieldSchema(f, ctx, stack, base ? `${base}.${f.json}` : f.json);
  }
  const optional = new Set(refs.map((r) => r.target));
  const required = ctx === 'spec' ? fields.filter((f) => f.required && !optional.has(f.json)).map((f) => f.json).sort() : [];
  const rules = oneOfRules(refs.filter((r) => fields.some((f) => f.json === r.target && f.required)));
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...(rules.length > 0 ? { 'x-kubernetes-validations': rules } : {}) };
}

/**
 * A required field that a reference may fill instead: ACK drops it from `required` and lets a
 * manifest with neither fail at AWS; the API server refuses it at apply time here.
 */
function oneOfRules(refs: readonly ReferenceField[]): Schema[] {
  return refs.map((r) => ({ rule: `has(self.${r.target}) || has(self.${r.json})`, message: `${r.target} or ${r.json} is required` }));
}

function specSchema(r: Resource, b: SchemaBuilder, trim: Trim): Schema {
  const note = trim.nestedDocs
    ? ''
    : `\n\nThis schema is trimmed to fit the API server's size limits: nested fields carry no description${
        trim.maxDepth !== undefined ? `, and structures nested more than ${trim.maxDepth} levels deep accept any fields` : ''
      }.`;
  const doc = (r.doc ? `\n\n${r.doc}` : '') + note;
  const own = objectOf(r.spec as ResourceField[], 'spec', b, [], '');
  const secrets = Object.fromEntries(r.spec.filter((f) => f.secret).map((f) => [f.json, { ...secretKeyReference, ...(describe(f) ? { description: describe(f) } : {}) }]));
  const merged: Schema = { ...(own.properties as Schema), ...secrets, ...Object.fromEntries(r.references.filter((f) => f.at.length === 0).map((f) => [f.json, referenceSchema(f)])) };
  const required = new Set((own.required as string[] | undefined) ?? []);
  for (const part of r.subResources) if (merged[part.field] && !required.has(part.field)) merged[part.field] = clearableWithEmpty(merged[part.field] as Schema);
  const properties = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  const rules = oneOfRules(r.references.filter((f) => f.at.length === 0 && f.targetRequired));
  return { description: `${r.kind}Spec defines the desired state of ${r.kind}.${doc}`, ...own, properties, ...(rules.length > 0 ? { 'x-kubernetes-validations': rules } : {}) };
}

/**
 * An optional string part (sub-resource) also admits "": ACK's manifests clear one that way (a Function's
 * `codeSigningConfigARN: ""`), and the runtime takes "" as unset, so it never reaches AWS.
 */
export function clearableWithEmpty(s: Schema): Schema {
  if (s.type !== 'string') return s;
  const { minLength: _min, pattern, ...rest } = s;
  return { ...rest, ...(typeof pattern === 'string' ? { pattern: `^$|(?:${pattern})` } : {}) };
}

/** ACK's AWSResourceReferenceWrapper {from: {name, namespace}}, or a list of them. */
function referenceSchema(f: ReferenceField): Schema {
  return f.many ? { type: 'array', items: REFERENCE_WRAPPER } : REFERENCE_WRAPPER;
}

function statusSchema(r: Resource, b: SchemaBuilder): Schema {
  const own = objectOf(r.status, 'status', b, [], '');
  return {
    description: `${r.kind}Status defines the observed state of ${r.kind}`,
    type: 'object',
    properties: {
      ackResourceMetadata: ACK_RESOURCE_METADATA,
      conditions: CONDITIONS,
      ...(own.properties as Schema),
    },
  };
}

function schemaBuilder(model: ServiceModel, immutablePaths: ReadonlySet<string>, trim: Trim, references: readonly ReferenceField[]): SchemaBuilder {
  function typeSchema(t: TypeRef, ctx: Context, stack: readonly ShapeId[], jsonPath: string, f?: Field): Schema {
    // Smithy's length and range bounds check what a user writes (spec). Status holds what AWS reports:
    // a bound there would only make the API server refuse AWS's answer (moto's ModelPackage
    // validation-status names are ARNs, beyond the model's 63), leaving the resource unrecordable.
    const bounded = ctx === 'spec' ? f : undefined;
    switch (t.kind) {
      case 'string':
        return { type: 'string', ...stringBounds(bounded) };
      case 'integer':
      case 'long':
      case 'bigInteger':
        return { type: 'integer', format: 'int64', ...rangeOf(bounded) };
      case 'float':
      case 'double':
      case 'bigDecimal':
        return { type: 'number', ...rangeOf(bounded) };
      case 'boolean':
        return { type: 'boolean' };
      case 'timestamp':
        return { type: 'string', format: 'date-time' };
      case 'blob':
        return { type: 'string', format: 'byte' };
      case 'document':
        return { 'x-kubernetes-preserve-unknown-fields': true };
      case 'list':
        return { type: 'array', items: typeSchema(t.item, ctx, stack, jsonPath), ...lengthOf(bounded, 'Items') };
      case 'map':
        return { type: 'object', additionalProperties: typeSchema(t.value, ctx, stack, jsonPath), ...lengthOf(bounded, 'Properties') };
      case 'struct': {
        // A structure that contains itself cannot be spelled out; from here on the
        // API server keeps whatever the user writes.
        if (stack.includes(t.shape) || (trim.maxDepth !== undefined && stack.length >= trim.maxDepth)) {
          return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
        }
        const obj = objectOf(model.members(t.shape), ctx, builder, [...stack, t.shape], jsonPath);
        return t.union ? { ...obj, maxProperties: 1 } : obj;
      }
    }
  }

  const builder: SchemaBuilder = {
    referencesAt: (jsonPath) => references.filter((r) => r.at.length > 0 && r.at.join('.') === jsonPath),
    fieldSchema(f, ctx, stack, jsonPath) {
      const s = typeSchema(f.type, ctx, stack, jsonPath, f);
      const description = trim.nestedDocs || stack.length === 0 ? describe(f) : undefined;
      const immutable = ctx === 'spec' && immutablePaths.has(jsonPath);
      return {
        ...(description ? { description } : {}),
        ...s,
        ...(immutable ? { 'x-kubernetes-validations': [IMMUTABLE] } : {}),
      };
    },
  };
  return builder;
}

function describe(f: Field): string | undefined {
  const parts = [f.doc, f.pattern ? `Regex Pattern: \`${f.pattern}\`` : undefined].filter(Boolean);
  return parts.length ? parts.join('\n\n') : undefined;
}

function lengthOf(f: Field | undefined, what: 'Length' | 'Items' | 'Properties'): Schema {
  const b = f?.length;
  if (!b) return {};
  return {
    ...(b.min !== undefined && b.min > 0 ? { [`min${what}`]: b.min } : {}),
    ...(b.max !== undefined && b.max <= MEANINGFUL_MAX ? { [`max${what}`]: b.max } : {}),
  };
}

/**
 * Length bounds and, where RE2 can state it exactly, the Smithy pattern (spec only, like the
 * bounds). A pattern that is a long whole-string repeat brings its own length bounds.
 */
function stringBounds(f: Field | undefined): Schema {
  const re = f?.pattern && !isTrivial(f.pattern) ? toRe2(f.pattern) : undefined;
  const extra = re && 're2' in re ? re.length : undefined;
  if (!extra) return { ...lengthOf(f, 'Length'), ...(re && 're2' in re ? { pattern: re.re2 } : {}) };
  const min = Math.max(f?.length?.min ?? 0, extra.min);
  const max = [f?.length?.max, extra.max].filter((x): x is number => x !== undefined && x <= MEANINGFUL_MAX);
  return {
    ...(min > 0 ? { minLength: min } : {}),
    ...(max.length > 0 ? { maxLength: Math.min(...max) } : {}),
    pattern: (re as { re2: string }).re2,
  };
}

function rangeOf(f: Field | undefined): Schema {
  const b = f?.range;
  if (!b) return {};
  return { ...(b.min !== undefined ? { minimum: b.min } : {}), ...(b.max !== undefined ? { maximum: b.max } : {}) };
}

const ACK_RESOURCE_METADATA: Schema = {
  description:
    'All CRs managed by ACK have a common `Status.ACKResourceMetadata` member that is used to contain resource sync state, account ownership, constructed ARN for the resource',
  type: 'object',
  properties: {
    arn: {
      description:
        'ARN is the Amazon Resource Name for the resource. This is a globally-unique identifier and is set only by the ACK service controller once the controller has orchestrated the creation of the resource OR when it has verified that an "adopted" resource (a resource where the ARN annotation was set by the Kubernetes user on the CR) exists and matches the supplied CR\'s Spec field values.',
      type: 'string',
    },
    ownerAccountID: { description: 'OwnerAccountID is the AWS Account ID of the account that owns the backend AWS service API resource.', type: 'string' },
    partition: { description: 'Partition is the AWS partition of the resource (aws, aws-cn, aws-us-gov, …).', type: 'string' },
    region: { description: 'Region is the AWS region in which the resource exists or will exist.', type: 'string' },
  },
  required: ['ownerAccountID', 'region'],
};

/** ACK's SecretKeyReference (runtime apis/core/v1alpha1): an is_secret field's type. */
const secretKeyReference: Schema = {
  type: 'object',
  properties: {
    key: { description: 'Key is the key within the secret', type: 'string' },
    name: { description: 'name is unique within a namespace to reference a secret resource.', type: 'string' },
    namespace: { description: 'namespace defines the space within which the secret name must be unique.', type: 'string' },
  },
  required: ['key'],
  'x-kubernetes-map-type': 'atomic',
};

const REFERENCE_WRAPPER: Schema = {
  description:
    'AWSResourceReferenceWrapper provides all the values necessary to reference another\nk8s resource for finding the identifier(Id/ARN/Name)',
  type: 'object',
  properties: {
    from: {
      description:
        'AWSResourceReference provides all the values necessary to reference another\nk8s resource for finding the identifier(Id/ARN/Name)',
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
      },
    },
  },
};

export const CONDITIONS: Schema = {
  description:
    'All CRs managed by ACK have a common `Status.Conditions` member that contains a collection of `ackv1alpha1.Condition` objects that describe the various terminal states of the CR and its backend AWS service API resource',
  type: 'array',
  items: {
    description: 'Condition is the common struct used by all CRDs managed by ACK service controllers to indicate terminal states  of the CR and its backend AWS service API resource',
    type: 'object',
    properties: {
      lastTransitionTime: { description: 'Last time the condition transitioned from one status to another.', type: 'string', format: 'date-time' },
      message: { description: 'A human readable message indicating details about the transition.', type: 'string' },
      // ack-ts addition (metav1.Condition has it): on ACK.Terminal, the generation judged; the
      // controller calls AWS again only once the spec changes.
      observedGeneration: {
        description: 'The metadata.generation this condition was set for. On ACK.Terminal: no AWS call is made until the spec changes.',
        type: 'integer',
        format: 'int64',
      },
      reason: { description: "The reason for the condition's last transition.", type: 'string' },
      status: { description: 'Status of the condition, one of True, False, Unknown.', type: 'string' },
      type: { description: 'Type is the type of the Condition', type: 'string' },
    },
    required: ['status', 'type'],
  },
};
