import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { GeneratorError } from '../errors';
import { closestNames } from '../smithy/suggest';
import { generatorConfigSchema } from './schema';
import type { GeneratorConfig } from './types';
import type { KeyPath, ParsedYaml } from './yaml';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['x-allowed']);
    compiled = ajv.compile(generatorConfigSchema);
  }
  return compiled;
}

/** The parsed YAML as a GeneratorConfig, or one GeneratorError for the problem nearest the top of the file. */
export function validateGeneratorConfig(yaml: ParsedYaml, file: string): GeneratorConfig {
  const value = yaml.value ?? {}; // an empty file is the empty config
  const validate = validator();
  if (validate(value)) return value as GeneratorConfig;
  const problems = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'propertyNames') // its inner error, also reported, says more
    .map((e) => describe(e, value, yaml))
    .sort((a, b) => byPosition(a.line, b.line));
  const first = problems[0]!;
  throw new GeneratorError(
    { file, ...(first.at ? { at: first.at } : {}) },
    `${first.message}${first.line ? ` at line ${first.line}` : ''}`,
    first.hint,
  );
}

interface Problem {
  /** Dotted YAML key path. */
  at: string;
  /** `line:col`. */
  line: string | undefined;
  message: string;
  hint?: string;
}

function describe(e: ErrorObject, root: unknown, yaml: ParsedYaml): Problem {
  const path = keyPath(e.instancePath, root);
  const problem = (p: KeyPath, message: string, hint?: string, key = false): Problem => ({
    at: formatPath(p),
    line: yaml.locate(p, key),
    message,
    ...(hint ? { hint } : {}),
  });
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const close = closestNames(key, allowed, 1)[0];
      const hint = close
        ? `did you mean "${close}"?`
        : allowed.length > 0
          ? `allowed here: ${allowed.join(', ')}`
          : 'no keys are allowed here; write {}';
      return problem([...path, key], `unknown key "${key}"`, hint, true);
    }
    case 'type':
      // An empty value has no position of its own; point at its key.
      return problem(path, `expected ${typeWords(e.params.type)}, got ${valueWords(e.data)}`, undefined, e.data == null);
    case 'required':
      return problem(path, `missing required key "${e.params.missingProperty}"`);
    case 'dependentRequired':
      return problem(path, `"${e.params.property}" needs "${e.params.missingProperty}" as well`);
    case 'enum':
      return problem(path, `expected one of ${(e.params.allowedValues as unknown[]).map(quote).join(', ')}, got ${valueWords(e.data)}`);
    case 'minimum':
      return problem(path, `expected a number ≥ ${e.params.limit}, got ${valueWords(e.data)}`);
    case 'pattern': {
      if (e.propertyName !== undefined) {
        return problem([...path, e.propertyName], `invalid key "${e.propertyName}": expected ${patternWords(path)}`, undefined, true);
      }
      const allowed = parent['x-allowed'] as string[] | undefined;
      if (allowed) {
        const close = closestNames(String(e.data), allowed, 1)[0];
        const name = [...path].reverse().find((s) => typeof s === 'string') ?? 'value';
        return problem(
          path,
          `unknown ${name} "${e.data}"`,
          `${close ? `did you mean "${close}"? ` : ''}allowed, in any case: ${allowed.join(', ')}`,
        );
      }
      return problem(path, `invalid value ${valueWords(e.data)}: expected ${patternWords(path)}`);
    }
    default:
      return problem(path, e.message ?? `invalid (${e.keyword})`);
  }
}

/** JSON pointer → key path, with list positions as numbers. */
function keyPath(pointer: string, root: unknown): KeyPath {
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) ? Number(seg) : undefined;
    path.push(index ?? seg);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return path;
}

/** `resources.TrainingJob.synced.when[0].path` */
function formatPath(path: KeyPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function patternWords(path: KeyPath): string {
  const last = path[path.length - 1];
  if (last === 'errors') return 'an HTTP status code such as 404';
  if (last === 'controller_name') return 'lower-case letters, digits and dashes (a DNS label)';
  return 'a different spelling';
}

const TYPE_WORDS: Record<string, string> = { object: 'object', array: 'list', null: 'nothing' };

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function valueWords(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${quote(v)}`;
}

const quote = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

function byPosition(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const [al, ac] = a.split(':').map(Number) as [number, number];
  const [bl, bc] = b.split(':').map(Number) as [number, number];
  return al - bl || ac - bc;
}
