// A reference inside each item of a list of structures, on the real apiserver + moto through the
// generated sagemaker controller: an EndpointConfig whose production variants name their Model CRs
// by productionVariants[].modelRef (samples/references/endpoint-config.yaml). Each item resolves on
// its own, the config is created once both Models are Synced, and the stored spec keeps only the
// references. With --enable-cross-namespace=false a variant naming a Model elsewhere is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { service } from '../../generated/sagemaker/src/service';
import { hooks } from '../../api-models/sagemaker/hooks';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { applyIn } from '../e2e/kubectl-ok';
import { condition, ref, SAGEMAKER } from '../e2e/controllers';
import { installServiceCrds, startServiceController, type ServiceRun } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';

const MODELS = ref(SAGEMAKER, 'models');
const CONFIGS = ref(SAGEMAKER, 'endpointconfigs');
const ns = uniqueName('refs-nested');
const strictNs = uniqueName('refs-strict');
const suffix = uniqueName('m').slice(-6);

let aws: TestAws;
let c: ServiceRun;
let strict: ServiceRun;

const docs = readFileSync(join(__dirname, '../../samples/references/endpoint-config.yaml'), 'utf8')
  .replaceAll('abalone-', `abalone-${suffix}-`)
  .split(/^---$/m)
  .map((d) => parse(d) as Record<string, any>)
  .filter(Boolean);
const [modelA, modelB, config] = [docs[0]!, docs[1]!, docs[2]!];

function apply(doc: object, namespace: string) {
  applyIn(namespace, doc);
}

// Calls of this file only: moto and the proxy outlive each test file in a run of the whole suite.
let fileStart = 0;
const ok = async (operation: string, since?: number) => (await aws.control.calls({ operation, since: since ?? fileStart })).filter((x) => x.status === 200);

const env = withControllers({
  ns,
  namespaces: [strictNs],
  crds: () => installServiceCrds('sagemaker'),
  before: async (aws) => {
    fileStart = await aws.control.mark();
  },
  // One controller as deployed by default, and one refusing cross-namespace references.
  start: async (aws, ns) => {
    const open = await startServiceController(service, hooks, aws, ns);
    const strict = await startServiceController(service, hooks, aws, strictNs, ['--enable-cross-namespace=false']);
    return { open, strict, stop: () => Promise.all([open.stop(), strict.stop()]).then(() => undefined) };
  },
});
beforeAll(() => ({ aws, c: { open: c, strict } } = env));

describe('references in list items: EndpointConfig productionVariants[].modelRef → sagemaker Model', () => {
  it('with one Model missing, names that variant\'s reference and sends nothing to SageMaker', async () => {
    apply(modelA, ns);
    await c.synced(MODELS, ns, modelA.metadata.name);
    apply(config, ns);
    const waiting = await c.until(CONFIGS, ns, config.metadata.name, (o) => condition(o, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
    expect(condition(waiting, 'ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', reason: `models.sagemaker.services.k8s.aws "${modelB.metadata.name}" not found` });
    expect(condition(waiting, 'ACK.ResourceSynced')!.message).toBe(
      `Resource not synced: spec.productionVariants[1].modelRef names Model "${modelB.metadata.name}" (models.sagemaker.services.k8s.aws) in namespace "${ns}", which does not exist`,
    );
    expect(await ok('CreateEndpointConfig')).toEqual([]);
  });

  it('once the second Model is Synced, the config is created once with each variant\'s own model name; the spec keeps only the references', async () => {
    apply(modelB, ns);
    const o = await c.synced(CONFIGS, ns, config.metadata.name, 60_000);
    expect(condition(o, 'ACK.ReferencesResolved')?.status).toBe('True');
    const creates = (await ok('CreateEndpointConfig')).filter((x) => JSON.stringify(x.input).includes(config.spec.endpointConfigName));
    expect(creates).toHaveLength(1);
    expect((creates[0]!.input as any).ProductionVariants.map((v: any) => [v.VariantName, v.ModelName])).toEqual([
      ['A', modelA.spec.modelName],
      ['B', modelB.spec.modelName],
    ]);
    const variants = o.spec!['productionVariants'] as Record<string, unknown>[];
    expect(variants.map((v) => v['modelName'])).toEqual([undefined, undefined]);
    expect(variants.map((v) => v['modelRef'])).toEqual([{ from: { name: modelA.metadata.name } }, { from: { name: modelB.metadata.name } }]);
    // Woken by the Model's change rather than by its next backoff step.
    expect(c.logs.some((l) => l.includes('referenced resource changed') && l.includes(`${ns}/${config.metadata.name}`))).toBe(true);
  });

  it('a variant with both modelName and modelRef is refused with ACK\'s message naming the item', async () => {
    const both = { ...config, metadata: { name: `${config.metadata.name}-both` }, spec: { ...config.spec, endpointConfigName: `${config.spec.endpointConfigName}-both` } };
    both.spec.productionVariants = [{ ...config.spec.productionVariants[0], modelName: modelA.spec.modelName }];
    apply(both, ns);
    const o = await c.until(CONFIGS, ns, both.metadata.name, (x) => condition(x, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
    expect(condition(o, 'ACK.ReferencesResolved')!.reason).toBe('both resource reference wrapper and ID cannot be used together: productionVariants[0].modelName,productionVariants[0].modelRef');
  });

  it('with --enable-cross-namespace=false, a variant naming a Model in another namespace is refused: ReferencesResolved False, nothing created', async () => {
    const cross = { ...config, metadata: { name: `${config.metadata.name}-cross` }, spec: { ...config.spec, endpointConfigName: `${config.spec.endpointConfigName}-cross` } };
    cross.spec.productionVariants = [{ ...config.spec.productionVariants[0], modelRef: { from: { name: modelA.metadata.name, namespace: ns } } }];
    apply(cross, strictNs);
    const o = await strict.until(CONFIGS, strictNs, cross.metadata.name, (x) => condition(x, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
    expect(condition(o, 'ACK.ReferencesResolved')).toMatchObject({
      status: 'False',
      reason: `cross-namespace resource reference is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:${strictNs},targetNamespace:${ns},name:${modelA.metadata.name}`,
    });
    expect((await ok('CreateEndpointConfig')).filter((x) => JSON.stringify(x.input).includes(cross.spec.endpointConfigName))).toEqual([]);
  });

  it('all delete cleanly', async () => {
    kubectl(['delete', 'endpointconfigs.sagemaker.services.k8s.aws', '--all', '-n', ns, '--wait=false']);
    kubectl(['delete', 'endpointconfigs.sagemaker.services.k8s.aws', '--all', '-n', strictNs, '--wait=false']);
    for (const n of [config.metadata.name, `${config.metadata.name}-both`]) await c.gone(CONFIGS, ns, n);
    await strict.gone(CONFIGS, strictNs, `${config.metadata.name}-cross`);
    kubectl(['delete', 'models.sagemaker.services.k8s.aws', '--all', '-n', ns, '--wait=false']);
    for (const m of [modelA, modelB]) await c.gone(MODELS, ns, m.metadata.name);
  });
});
