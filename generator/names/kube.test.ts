import { readFileSync } from 'fs';
import { resolve } from 'path';
import { apiGroup, kebabCase, pluralOf } from './kube';
import { tsvRows } from './testdata/read';

describe('pluralOf (controller-gen: lower(flect.Pluralize(kind)))', () => {
  it.each([
    ['TrainingJob', 'trainingjobs'],
    ['EndpointConfig', 'endpointconfigs'],
    ['HyperParameterTuningJob', 'hyperparametertuningjobs'],
    ['NotebookInstanceLifecycleConfig', 'notebookinstancelifecycleconfigs'],
    ['UserProfile', 'userprofiles'],
    ['App', 'apps'],
    ['Domain', 'domains'],
    ['Space', 'spaces'],
    ['ScalableTarget', 'scalabletargets'],
    ['ScalingPolicy', 'scalingpolicies'],
    ['ModelPackage', 'modelpackages'],
    ['PipelineExecution', 'pipelineexecutions'],
    ['Alias', 'aliases'],
    ['Index', 'indices'],
    ['Address', 'addresses'],
    ['DataCatalog', 'datacatalogs'],
    ['VPCEndpoint', 'vpcendpoints'],
    ['Series', 'series'],
  ])('%s → %s', (kind, plural) => {
    expect(pluralOf(kind)).toBe(plural);
  });

  it('reproduces flect on the golden names', () => {
    const golden = tsvRows(readFileSync(resolve(__dirname, 'testdata/ack-names-golden.tsv'), 'utf8'));
    const wrong = golden
      .filter(([, camel, , , plural]) => pluralOf(camel!) !== plural)
      .map(([, camel, , , plural]) => `${camel}: ${pluralOf(camel!)} ≠ ${plural}`);
    expect(wrong).toEqual([]);
  });
});

describe('kebabCase', () => {
  it.each([
    ['TrainingJob', 'training-job'],
    ['HyperParameterTuningJob', 'hyper-parameter-tuning-job'],
    ['EndpointConfig', 'endpoint-config'],
    ['App', 'app'],
    ['VPCEndpoint', 'vpc-endpoint'],
    ['EC2Instance', 'ec2-instance'],
    ['S3Bucket', 's3-bucket'],
  ])('%s → %s', (kind, file) => {
    expect(kebabCase(kind)).toBe(file);
  });
});

describe('apiGroup', () => {
  it('uses the service name without dashes', () => {
    expect(apiGroup('sagemaker')).toBe('sagemaker.services.k8s.aws');
    expect(apiGroup('application-auto-scaling')).toBe('applicationautoscaling.services.k8s.aws');
  });
  it('prefers controller_name', () => {
    expect(apiGroup('docdb', 'documentdb')).toBe('documentdb.services.k8s.aws');
  });
});
