// ACK's delta_pre_compare customSetDefaults copy server defaults into fields the user left unset.
// The runtime's delta never counts an unset field as drift, so those need no hook; these cases
// pin that down against the generated shapes.
import { computeDelta } from '../../../runtime/reconcile/delta';
import { service } from '../../../generated/sagemaker/src/service';

const diff = (specShape: string, desired: Record<string, unknown>, latest: Record<string, unknown>) =>
  computeDelta(desired, latest, specShape, service.shapes).map((e) => e.path);

describe('server defaults in unset fields are not drift', () => {
  it('TrainingJob: inputDataConfig recordWrapperType, debug/profiler rule volume sizes', () => {
    const channel = { channelName: 'train', dataSource: { s3DataSource: { s3URI: 's3://b/t', s3DataType: 'S3Prefix' } } };
    const desired = {
      inputDataConfig: [channel],
      profilerRuleConfigurations: [{ ruleConfigurationName: 'r', ruleEvaluatorImage: 'i' }],
      debugRuleConfigurations: [{ ruleConfigurationName: 'd', ruleEvaluatorImage: 'i' }],
    };
    const latest = {
      inputDataConfig: [{ ...channel, recordWrapperType: 'None' }],
      profilerRuleConfigurations: [{ ruleConfigurationName: 'r', ruleEvaluatorImage: 'i', volumeSizeInGB: 0 }],
      debugRuleConfigurations: [{ ruleConfigurationName: 'd', ruleEvaluatorImage: 'i', volumeSizeInGB: 0 }],
    };
    expect(diff('TrainingJob.Spec', desired, latest)).toEqual([]);
  });
  it('Model: container mode and repositoryAuthConfig', () => {
    const desired = { primaryContainer: { image: 'img' }, containers: [{ image: 'img', imageConfig: { repositoryAccessMode: 'Vpc' } }] };
    const latest = {
      primaryContainer: { image: 'img', mode: 'SingleModel' },
      containers: [{ image: 'img', mode: 'SingleModel', imageConfig: { repositoryAccessMode: 'Vpc', repositoryAuthConfig: {} } }],
    };
    expect(diff('Model.Spec', desired, latest)).toEqual([]);
  });
  it('EndpointConfig: serverless volumeSizeInGB', () => {
    const variant = { variantName: 'v', modelName: 'm', serverlessConfig: { memorySizeInMB: 2048, maxConcurrency: 1 } };
    expect(diff('EndpointConfig.Spec', { productionVariants: [variant] }, { productionVariants: [{ ...variant, volumeSizeInGB: 20 }] })).toEqual([]);
  });
  it('a value the user did set still differs', () => {
    const variant = { variantName: 'v', modelName: 'm', initialInstanceCount: 1 };
    expect(diff('EndpointConfig.Spec', { productionVariants: [variant] }, { productionVariants: [{ ...variant, initialInstanceCount: 2 }] })).toEqual(['productionVariants']);
  });
});
