import { GeneratorError } from '../errors';
import { loadSmithyModel } from './load';

const FILE = 'bad.json';
const NS = 'ex.bad';
const SERVICE = { [`${NS}#Svc`]: { type: 'service', version: '1' } };

/** The one-line message a malformed model produces. */
function errorOf(text: string): string {
  try {
    loadSmithyModel(text, FILE);
  } catch (e) {
    if (e instanceof GeneratorError) return e.format();
    throw e;
  }
  throw new Error('expected a GeneratorError');
}

const ast = (shapes: Record<string, unknown>) => JSON.stringify({ smithy: '2.0', shapes: { ...SERVICE, ...shapes } });

describe('loadSmithyModel: malformed input', () => {
  it('bad JSON: line and column', () => {
    expect(errorOf('{\n  "smithy": "2.0",\n  "shapes": { , }\n}')).toBe(
      'bad.json: invalid JSON at 3:15: expected a property name in double quotes',
    );
    expect(errorOf('{"smithy": "2.0"')).toBe('bad.json: invalid JSON at 1:17: unexpected end of input');
    expect(errorOf('{"smithy": "2.0" "shapes": {}}')).toBe("bad.json: invalid JSON at 1:18: expected ',' or '}'");
    expect(errorOf('')).toBe('bad.json: invalid JSON at 1:1: unexpected end of input');
    expect(errorOf('{"a": [1, 2,]}')).toBe('bad.json: invalid JSON at 1:13: unexpected "]"');
    expect(errorOf('{"a": 1} x')).toBe('bad.json: invalid JSON at 1:10: unexpected text after the JSON value');
  });

  it('not a Smithy 2 AST', () => {
    const hint = '(expected a Smithy 2.0 JSON AST: {"smithy": "2.0", "shapes": {…}})';
    expect(errorOf('[]')).toBe(`bad.json: not a Smithy 2.0 JSON AST: the top level is not a JSON object ${hint}`);
    expect(errorOf('{"shapes": {}}')).toBe(`bad.json: not a Smithy 2.0 JSON AST: "smithy" version is missing ${hint}`);
    expect(errorOf('{"smithy": "1.0", "shapes": {}}')).toBe(
      `bad.json: not a Smithy 2.0 JSON AST: unsupported "smithy" version "1.0" ${hint}`,
    );
    expect(errorOf('{"smithy": 2, "shapes": {}}')).toContain('unsupported "smithy" version 2 ');
    expect(errorOf('{"smithy": "2.0"}')).toBe(
      `bad.json: not a Smithy 2.0 JSON AST: "shapes" is missing or not an object ${hint}`,
    );
    expect(errorOf('{"smithy": "2", "shapes": {}}')).toBe(
      'bad.json: the model has no service shape (an AWS model defines exactly one)',
    );
  });

  it('a dangling member target names the member and the missing target, with a did-you-mean', () => {
    expect(
      errorOf(
        ast({
          [`${NS}#Input`]: { type: 'structure', members: { RoleArn: { target: `${NS}#RoleARN` } } },
          [`${NS}#RoleArn`]: { type: 'string' },
        }),
      ),
    ).toBe(`bad.json: ${NS}#Input$RoleArn: target ${NS}#RoleARN is not defined in the model (did you mean ${NS}#RoleArn?)`);
  });

  it('dangling targets elsewhere: list member, map value, operation input/errors, service, prelude typo', () => {
    expect(errorOf(ast({ [`${NS}#L`]: { type: 'list', member: { target: `${NS}#Gone` } } }))).toBe(
      `bad.json: ${NS}#L$member: target ${NS}#Gone is not defined in the model`,
    );
    expect(
      errorOf(ast({ [`${NS}#M`]: { type: 'map', key: { target: 'smithy.api#String' }, value: { target: 'smithy.api#Strin' } } })),
    ).toBe(`bad.json: ${NS}#M$value: target smithy.api#Strin is not defined in the model (did you mean smithy.api#String?)`);
    expect(errorOf(ast({ [`${NS}#Op`]: { type: 'operation', input: { target: `${NS}#OpInput` } } }))).toBe(
      `bad.json: ${NS}#Op: target ${NS}#OpInput is not defined in the model`,
    );
    expect(errorOf(ast({ [`${NS}#Op`]: { type: 'operation', errors: [{ target: `${NS}#Oops` }] } }))).toContain(
      `${NS}#Op: target ${NS}#Oops is not defined`,
    );
    expect(
      errorOf(JSON.stringify({ smithy: '2.0', shapes: { [`${NS}#Svc`]: { type: 'service', operations: [{ target: `${NS}#X` }] } } })),
    ).toBe(`bad.json: ${NS}#Svc: target ${NS}#X is not defined in the model`);
    expect(errorOf(ast({ [`${NS}#R`]: { type: 'resource', read: { target: `${NS}#Get` } } }))).toContain(
      `${NS}#R: target ${NS}#Get is not defined`,
    );
  });

  it('an unknown shape type', () => {
    expect(errorOf(ast({ [`${NS}#X`]: { type: 'strucutre' } }))).toMatch(
      new RegExp(`^bad\\.json: ${NS}#X: unknown shape type "strucutre" \\(expected one of: blob, .*, service\\)$`),
    );
    expect(errorOf(ast({ [`${NS}#X`]: { members: {} } }))).toBe(`bad.json: ${NS}#X: shape has no "type"`);
    expect(errorOf(ast({ [`${NS}#X`]: 'string' }))).toBe(`bad.json: ${NS}#X: a shape must be a JSON object`);
  });

  it('a member without target', () => {
    expect(errorOf(ast({ [`${NS}#S`]: { type: 'structure', members: { a: { traits: {} } } } }))).toBe(
      `bad.json: ${NS}#S$a: member has no "target"`,
    );
    expect(errorOf(ast({ [`${NS}#L`]: { type: 'list', member: {} } }))).toBe(`bad.json: ${NS}#L$member: member has no "target"`);
    expect(errorOf(ast({ [`${NS}#L`]: { type: 'list' } }))).toBe(`bad.json: ${NS}#L: list shape has no "member"`);
    expect(errorOf(ast({ [`${NS}#M`]: { type: 'map', key: { target: 'smithy.api#String' } } }))).toBe(
      `bad.json: ${NS}#M: map shape has no "value"`,
    );
  });

  it('bad references, ids and traits', () => {
    expect(errorOf(ast({ [`${NS}#Op`]: { type: 'operation', input: `${NS}#In` } }))).toBe(
      `bad.json: ${NS}#Op: "input" must be {"target": "<shape id>"}`,
    );
    expect(errorOf(ast({ Relative: { type: 'string' } }))).toBe('bad.json: Relative: shape id must be absolute: namespace#Name');
    expect(errorOf(ast({ [`${NS}#S`]: { type: 'string', traits: { 'smithy.api#length': { min: '1' } } } }))).toBe(
      `bad.json: ${NS}#S: trait smithy.api#length must be an object whose "min" is a number`,
    );
    expect(errorOf(ast({ [`${NS}#E`]: { type: 'structure', traits: { 'smithy.api#error': 'user' } } }))).toBe(
      `bad.json: ${NS}#E: trait smithy.api#error must be "client" or "server"`,
    );
    expect(
      errorOf(ast({ [`${NS}#S`]: { type: 'structure', members: { a: { target: 'smithy.api#String', traits: { 'smithy.api#documentation': 1 } } } } })),
    ).toBe(`bad.json: ${NS}#S$a: trait smithy.api#documentation must be a string`);
    expect(errorOf(ast({ [`${NS}#S`]: { type: 'string', traits: { 'smithy.api#enum': [{ name: 'A' }] } } }))).toContain(
      'trait smithy.api#enum must be a list of {value',
    );
  });

  it('bad mixins and applies', () => {
    expect(
      errorOf(ast({ [`${NS}#A`]: { type: 'structure', mixins: [{ target: `${NS}#B` }] }, [`${NS}#B`]: { type: 'structure' } })),
    ).toBe(`bad.json: ${NS}#A: ${NS}#B is used as a mixin but has no smithy.api#mixin trait`);
    expect(errorOf(ast({ [`${NS}#A`]: { type: 'structure', mixins: [{ target: `${NS}#Gone` }] } }))).toBe(
      `bad.json: ${NS}#A: mixin target ${NS}#Gone is not defined in the model`,
    );
    const mixin = { 'smithy.api#mixin': {} };
    expect(
      errorOf(
        ast({
          [`${NS}#A`]: { type: 'structure', traits: mixin, mixins: [{ target: `${NS}#B` }] },
          [`${NS}#B`]: { type: 'structure', traits: mixin, mixins: [{ target: `${NS}#A` }] },
        }),
      ),
    ).toMatch(/mixin cycle: /);
    expect(errorOf(ast({ [`${NS}#A`]: { type: 'list', mixins: [{ target: `${NS}#B` }] }, [`${NS}#B`]: { type: 'string', traits: mixin } }))).toBe(
      `bad.json: ${NS}#A: a list cannot use the string mixin ${NS}#B`,
    );
    expect(errorOf(ast({ [`${NS}#Gone$x`]: { type: 'apply', traits: {} } }))).toBe(
      `bad.json: ${NS}#Gone$x: apply target ${NS}#Gone is not defined in the model`,
    );
    expect(errorOf(ast({ [`${NS}#S`]: { type: 'structure' }, [`${NS}#S$x`]: { type: 'apply', traits: {} } }))).toBe(
      `bad.json: ${NS}#S$x: apply target ${NS}#S$x is not a member of ${NS}#S`,
    );
  });

  it('more than one service', () => {
    expect(errorOf(ast({ [`${NS}#Svc2`]: { type: 'service' } }))).toBe(
      `bad.json: the model has 2 service shapes: ${NS}#Svc, ${NS}#Svc2 (an AWS model defines exactly one)`,
    );
  });
});
