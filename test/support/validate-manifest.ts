/**
 * Checks a manifest against a CRD's OpenAPI schema the way the API server's
 * strict field validation would for the parts we generate: types, unknown
 * fields, required fields, formats. Returns one line per problem, with the field path.
 */
type Schema = Record<string, unknown>;

export function manifestProblems(value: unknown, schema: Schema, path = ''): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields'] === true && schema['type'] === undefined) return [];
  const type = schema['type'];
  const here = path || '.';
  switch (type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${here}: expected object, got ${typeName(value)}`];
      const obj = value as Record<string, unknown>;
      const problems: string[] = [];
      const props = schema['properties'] as Record<string, Schema> | undefined;
      const additional = schema['additionalProperties'] as Schema | undefined;
      for (const [k, v] of Object.entries(obj)) {
        const sub = props?.[k] ?? additional;
        if (sub) problems.push(...manifestProblems(v, sub, `${path}.${k}`));
        else if (schema['x-kubernetes-preserve-unknown-fields'] !== true) problems.push(`${path}.${k}: unknown field`);
      }
      for (const r of (schema['required'] as string[] | undefined) ?? []) {
        if (!(r in obj)) problems.push(`${path}.${r}: required field missing`);
      }
      const max = schema['maxProperties'] as number | undefined;
      if (max !== undefined && Object.keys(obj).length > max) problems.push(`${here}: more than ${max} properties`);
      return problems;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${here}: expected array, got ${typeName(value)}`];
      return value.flatMap((v, i) => manifestProblems(v, schema['items'] as Schema, `${path}[${i}]`));
    case 'string': {
      if (typeof value !== 'string') return [`${here}: expected string, got ${typeName(value)}`];
      const problems: string[] = [];
      if (schema['format'] === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${here}: not a date-time`);
      const min = schema['minLength'] as number | undefined;
      const max = schema['maxLength'] as number | undefined;
      if (min !== undefined && value.length < min) problems.push(`${here}: shorter than ${min}`);
      if (max !== undefined && value.length > max) problems.push(`${here}: longer than ${max}`);
      return problems;
    }
    case 'integer':
      return Number.isInteger(value) ? rangeProblems(value as number, schema, here) : [`${here}: expected integer, got ${typeName(value)}`];
    case 'number':
      return typeof value === 'number' ? rangeProblems(value, schema, here) : [`${here}: expected number, got ${typeName(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${here}: expected boolean, got ${typeName(value)}`];
    default:
      return [];
  }
}

function rangeProblems(n: number, schema: Schema, here: string): string[] {
  const min = schema['minimum'] as number | undefined;
  const max = schema['maximum'] as number | undefined;
  return [
    ...(min !== undefined && n < min ? [`${here}: less than ${min}`] : []),
    ...(max !== undefined && n > max ? [`${here}: more than ${max}`] : []),
  ];
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
