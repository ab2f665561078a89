import type { Shape, SimpleType, Traits } from './types';

/** The smithy.api prelude shapes that members may target; AWS model files omit them. */
export const PRELUDE_NAMESPACE = 'smithy.api';
export const UNIT = 'smithy.api#Unit';

export function isPreludeId(id: string): boolean {
  return id.startsWith('smithy.api#');
}

const NO_TRAITS: Traits = Object.freeze({ raw: Object.freeze({}) });

function simple(name: string, type: SimpleType, dflt?: boolean | number): Shape {
  const traits: Traits =
    dflt === undefined
      ? NO_TRAITS
      : Object.freeze({ default: dflt, raw: Object.freeze({ 'smithy.api#default': dflt }) });
  return Object.freeze({ id: `smithy.api#${name}`, name, type, traits });
}

const shapes: Shape[] = [
  simple('String', 'string'),
  simple('Blob', 'blob'),
  simple('BigInteger', 'bigInteger'),
  simple('BigDecimal', 'bigDecimal'),
  simple('Timestamp', 'timestamp'),
  simple('Document', 'document'),
  simple('Boolean', 'boolean'),
  simple('PrimitiveBoolean', 'boolean', false),
  simple('Byte', 'byte'),
  simple('PrimitiveByte', 'byte', 0),
  simple('Short', 'short'),
  simple('PrimitiveShort', 'short', 0),
  simple('Integer', 'integer'),
  simple('PrimitiveInteger', 'integer', 0),
  simple('Long', 'long'),
  simple('PrimitiveLong', 'long', 0),
  simple('Float', 'float'),
  simple('PrimitiveFloat', 'float', 0),
  simple('Double', 'double'),
  simple('PrimitiveDouble', 'double', 0),
  Object.freeze({
    id: UNIT,
    name: 'Unit',
    type: 'structure',
    members: [],
    traits: Object.freeze({ raw: Object.freeze({ 'smithy.api#unitType': {} }) }),
  }),
];

export const PRELUDE: ReadonlyMap<string, Shape> = new Map(shapes.map((s) => [s.id, s]));
