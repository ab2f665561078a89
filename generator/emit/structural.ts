import type { Schema } from './crd';

/**
 * Checks the rules that make a CRD schema "structural", as kube-apiserver
 * enforces them, so a bad schema is caught at generation time, not at install.
 * Returns the problems found, each with its JSON path; empty means structural.
 */
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

export function structuralProblems(schema: Schema, path = ''): string[] {
  const problems: string[] = [];
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  const type = schema['type'];
  if (type === undefined) {
    if (!preserve && !intOrString) problems.push(`${path || '/'}: no type`);
  } else if (typeof type !== 'string' || !TYPES.has(type)) {
    problems.push(`${path || '/'}: unknown type ${JSON.stringify(type)}`);
  }
  const props = schema['properties'] as Record<string, Schema> | undefined;
  const additional = schema['additionalProperties'];
  if (props && additional !== undefined) problems.push(`${path}: both properties and additionalProperties`);
  if ((props || additional !== undefined) && type !== undefined && type !== 'object') {
    problems.push(`${path}: properties on a ${String(type)}`);
  }
  if (type === 'array') {
    const items = schema['items'];
    if (!items || typeof items !== 'object' || Array.isArray(items)) problems.push(`${path}: array without items`);
    else problems.push(...structuralProblems(items as Schema, `${path}[]`));
  }
  for (const [name, sub] of Object.entries(props ?? {})) problems.push(...structuralProblems(sub, `${path}.${name}`));
  if (additional && typeof additional === 'object') problems.push(...structuralProblems(additional as Schema, `${path}{}`));
  for (const key of ['allOf', 'anyOf', 'oneOf', 'not']) {
    if (key in schema) problems.push(`${path}: ${key} is not generated and would need type-free subschemas`);
  }
  return problems;
}
