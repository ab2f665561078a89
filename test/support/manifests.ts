/** Minimal valid manifests of the walkthrough's kinds, for tests and benchmarks that need many of them. */

const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution-role';
const XGBOOST = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1';

export function trainingJobManifest(namespace: string, name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'TrainingJob',
    metadata: { name, namespace },
    spec: {
      trainingJobName: name,
      roleARN: ROLE,
      algorithmSpecification: { trainingImage: XGBOOST, trainingInputMode: 'File' },
      outputDataConfig: { s3OutputPath: `s3://example-sagemaker-bucket/${namespace}` },
      resourceConfig: { instanceCount: 1, instanceType: 'ml.m4.xlarge', volumeSizeInGB: 5 },
      stoppingCondition: { maxRuntimeInSeconds: 3600 },
      ...spec,
    },
  };
}

export function modelManifest(namespace: string, name: string) {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace },
    spec: { modelName: name, executionRoleARN: ROLE, primaryContainer: { image: XGBOOST, modelDataURL: 's3://example-sagemaker-bucket/model.tar.gz' } },
  };
}

export function endpointConfigManifest(namespace: string, name: string, modelName: string) {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'EndpointConfig',
    metadata: { name, namespace },
    spec: { endpointConfigName: name, productionVariants: [{ variantName: 'AllTraffic', modelName, initialInstanceCount: 1, instanceType: 'ml.c5.large', initialVariantWeight: 1 }] },
  };
}

export function endpointManifest(namespace: string, name: string, configName: string) {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Endpoint',
    metadata: { name, namespace },
    spec: { endpointName: name, endpointConfigName: configName },
  };
}
