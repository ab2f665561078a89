import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { loadGeneratorConfig } from '../config/load';
import type { GeneratorConfig } from '../config/types';
import { GeneratorError } from '../errors';
import { inferServiceModel } from './resources';
import { toServiceDescriptor } from '../emit/descriptor';
import { descriptorConst } from '../emit/typescript';
import { modelsDirForTests } from '../../test/support/models-dir';

// The options Lambda needs, proven on the real model: `from.path: .` (a whole input as a field, put
// with its members spread), `set: ReadOne ignore`, `updateable`, status identifiers as keys.
const FILE = join(modelsDirForTests(), 'lambda/service/2015-03-31/lambda-2015-03-31.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const CONFIG = join(__dirname, '../../api-models/lambda/generator.yaml');
const config = loadGeneratorConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
const infer = (c: GeneratorConfig) => inferServiceModel({ service: 'lambda', index, config: c, configFile: 'generator.yaml' });
const model = infer(config);
/** The file and key path a GeneratorError names. */
function where(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GeneratorError) return `${e.file}: ${e.at}`;
    throw e;
  }
  throw new Error('no error');
}
const kind = (k: string) => model.resources.find((r) => r.kind === k)!;

describe('Lambda: generator options', () => {
  it('from.path "." makes the field the operation input itself, put with its members spread', () => {
    const fn = kind('Function');
    const f = fn.spec.find((x) => x.json === 'functionEventInvokeConfig')!;
    expect(f.type).toMatchObject({ kind: 'struct', shape: 'com.amazonaws.lambda#PutFunctionEventInvokeConfigRequest' });
    const part = fn.subResources.find((p) => p.field === 'functionEventInvokeConfig')!;
    expect(part).toMatchObject({ putMember: '.', put: { name: 'PutFunctionEventInvokeConfig' }, read: { name: 'GetFunctionEventInvokeConfig' }, delete: { name: 'DeleteFunctionEventInvokeConfig' } });
    expect(part.readMember).toBeUndefined(); // the Get's output is the part
  });

  it('an existing field from: another write operation keeps its type and becomes a part that operation puts (code → UpdateFunctionCode)', () => {
    const fn = kind('Function');
    expect(fn.spec.find((x) => x.json === 'code')?.type).toMatchObject({ kind: 'struct', shape: 'com.amazonaws.lambda#FunctionCode' });
    const code = fn.subResources.find((p) => p.field === 'code')!;
    expect(code).toMatchObject({ putMember: '.', put: { name: 'UpdateFunctionCode' } });
    expect(code.read).toBeUndefined(); // no read reports code: judged against the spec last applied
    expect(fn.createOnly).not.toContain('code');
  });

  it("ACK's custom nested field Code.SHA256 (type: string) is added to the structure the create takes", () => {
    const code = kind('Function').spec.find((x) => x.json === 'code')!;
    const shape = code.type.kind === 'struct' ? code.type.shape : '';
    expect(model.members(shape).find((m) => m.member === 'SHA256')).toMatchObject({ json: 'sha256', type: { kind: 'string' } });
    const bad: GeneratorConfig = { ...config, resources: { ...config.resources, Function: { ...config.resources!['Function'], fields: { 'Nope.SHA256': { type: 'string' } } } } };
    expect(where(() => infer(bad))).toBe('generator.yaml: resources.Function.fields.Nope.SHA256');
  });

  it("set: [{method: ReadOne, ignore: true}] lists the field as not read", () => {
    expect(kind('Function').readIgnored).toEqual(['code', 'layers']);
    expect(kind('LayerVersion').readIgnored).toEqual(['content']);
    expect(kind('Alias').readIgnored).toEqual([]);
  });

  it('updateable becomes status rules and a requeue period', () => {
    expect(kind('Function').updateable).toEqual({ when: [{ path: 'status.lastUpdateStatus', in: ['Successful', 'Failed'] }], requeueAfterSeconds: 5 });
    expect(kind('Alias').updateable).toBeUndefined();
    const bad: GeneratorConfig = { ...config, resources: { ...config.resources, Function: { ...config.resources!['Function'], updateable: { when: [{ path: 'Status.Nope', in: ['x'] }] } } } };
    expect(where(() => infer(bad))).toBe('generator.yaml: resources.Function.updateable.when[0].path');
  });

  it('identifiers AWS makes key the reads: a Version by its number, a LayerVersion by its version, a mapping by its UUID', () => {
    expect(kind('Version').primaryKey).toEqual(expect.arrayContaining(['spec.functionName', 'status.version']));
    expect(kind('LayerVersion').primaryKey).toEqual(['spec.layerName', 'status.versionNumber']);
    expect(kind('EventSourceMapping').primaryKey).toEqual(['status.uuid']);
    const d = toServiceDescriptor(model, { package: '@aws-sdk/client-lambda', client: 'LambdaClient' });
    const version = d.resources.find((r) => r.kind === 'Version')!;
    expect(version.operations.readOne).toMatchObject({ name: 'GetFunctionConfiguration', renames: { Version: 'Qualifier' } });
    expect(d.resources.find((r) => r.kind === 'LayerVersion')!.operations.readOne).toMatchObject({ name: 'GetLayerVersion', renames: { Version: 'VersionNumber' } });
  });

  it('a kind named by a JavaScript reserved word gets a constant that compiles', () => {
    expect(descriptorConst(kind('Function'))).toBe('functionKind');
    expect(descriptorConst(kind('Alias'))).toBe('alias');
  });

  it('a from: path naming no member is refused, naming the field', () => {
    const bad: GeneratorConfig = { ...config, resources: { ...config.resources, Alias: { ...config.resources!['Alias'], fields: { Extra: { from: { operation: 'ListLayers', path: 'Nope.Nope' } } } } } };
    expect(where(() => infer(bad))).toBe('generator.yaml: resources.Alias.fields.Extra.from');
  });
});
