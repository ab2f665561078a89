import type { ResourceDescriptor, ServiceDescriptor } from '../descriptor';

/**
 * Hand-written descriptors used by runtime tests: SageMaker NotebookInstanceLifecycleConfig
 * (create/describe/update/delete, name-keyed) and Model (no update, with a sensitive member).
 */
export const lifecycleConfig: ResourceDescriptor = {
  kind: 'NotebookInstanceLifecycleConfig',
  plural: 'notebookinstancelifecycleconfigs',
  specShape: 'NotebookInstanceLifecycleConfigSpec',
  statusShape: 'NotebookInstanceLifecycleConfigStatus',
  primaryKey: ['spec.notebookInstanceLifecycleConfigName'],
  arnMember: 'NotebookInstanceLifecycleConfigArn',
  operations: {
    create: { name: 'CreateNotebookInstanceLifecycleConfig', input: 'CreateNotebookInstanceLifecycleConfigInput' },
    readOne: { name: 'DescribeNotebookInstanceLifecycleConfig', input: 'DescribeNotebookInstanceLifecycleConfigInput', output: 'DescribeNotebookInstanceLifecycleConfigOutput' },
    update: { name: 'UpdateNotebookInstanceLifecycleConfig', input: 'UpdateNotebookInstanceLifecycleConfigInput' },
    delete: { name: 'DeleteNotebookInstanceLifecycleConfig', input: 'DescribeNotebookInstanceLifecycleConfigInput' },
  },
  notFound: [{ code: 'ValidationException', messagePrefix: 'Unable to describe Notebook Instance Lifecycle Config' }],
  terminalCodes: ['ResourceLimitExceeded', 'InvalidParameterValue'],
  immutable: ['notebookInstanceLifecycleConfigName'],
  lateInitialize: [],
  compareIgnored: [],
};

export const model: ResourceDescriptor = {
  kind: 'Model',
  plural: 'models',
  specShape: 'ModelSpec',
  statusShape: 'ModelStatus',
  primaryKey: ['spec.modelName'],
  arnMember: 'ModelArn',
  operations: {
    create: { name: 'CreateModel', input: 'CreateModelInput' },
    readOne: { name: 'DescribeModel', input: 'DescribeModelInput', output: 'DescribeModelOutput' },
    delete: { name: 'DeleteModel', input: 'DescribeModelInput' },
  },
  notFound: [{ code: 'ValidationException', messagePrefix: 'Could not find model' }],
  terminalCodes: ['ResourceLimitExceeded'],
  immutable: ['modelName', 'primaryContainer'],
  lateInitialize: ['enableNetworkIsolation'],
  compareIgnored: [],
  tags: { path: 'tags', shape: 'list', keyName: 'Key', valueName: 'Value' },
};

const hook = [{ sdk: 'Content', json: 'content', type: 'string' }] as const;
const lifecycleSpec = [
  { sdk: 'NotebookInstanceLifecycleConfigName', json: 'notebookInstanceLifecycleConfigName', type: 'string' },
  { sdk: 'OnCreate', json: 'onCreate', type: { list: { struct: 'NotebookInstanceLifecycleHook' } } },
  { sdk: 'OnStart', json: 'onStart', type: { list: { struct: 'NotebookInstanceLifecycleHook' } } },
] as const;

export const sagemakerFixture: ServiceDescriptor = {
  service: 'sagemaker',
  group: 'sagemaker.services.k8s.aws',
  version: 'v1alpha1',
  sdk: { package: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
  hookOperations: ['StartSomething', 'StopSomething'],
  shapes: {
    NotebookInstanceLifecycleHook: hook,
    NotebookInstanceLifecycleConfigSpec: lifecycleSpec,
    NotebookInstanceLifecycleConfigStatus: [
      { sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' },
      { sdk: 'LastModifiedTime', json: 'lastModifiedTime', type: 'timestamp' },
    ],
    CreateNotebookInstanceLifecycleConfigInput: [...lifecycleSpec, { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } }],
    UpdateNotebookInstanceLifecycleConfigInput: lifecycleSpec,
    DescribeNotebookInstanceLifecycleConfigInput: [lifecycleSpec[0]],
    Tag: [
      { sdk: 'Key', json: 'key', type: 'string' },
      { sdk: 'Value', json: 'value', type: 'string' },
    ],
    ContainerDefinition: [
      { sdk: 'Image', json: 'image', type: 'string' },
      { sdk: 'ModelDataUrl', json: 'modelDataURL', type: 'string' },
      { sdk: 'Environment', json: 'environment', type: { map: 'string' } },
    ],
    ModelSpec: [
      { sdk: 'ModelName', json: 'modelName', type: 'string' },
      { sdk: 'ExecutionRoleArn', json: 'executionRoleARN', type: 'string' },
      { sdk: 'PrimaryContainer', json: 'primaryContainer', type: { struct: 'ContainerDefinition' } },
      { sdk: 'EnableNetworkIsolation', json: 'enableNetworkIsolation', type: 'boolean' },
      { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
      { sdk: 'ApiToken', json: 'apiToken', type: 'string', sensitive: true },
    ],
    ModelStatus: [{ sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' }],
    CreateModelInput: [
      { sdk: 'ModelName', json: 'modelName', type: 'string' },
      { sdk: 'ExecutionRoleArn', json: 'executionRoleARN', type: 'string' },
      { sdk: 'PrimaryContainer', json: 'primaryContainer', type: { struct: 'ContainerDefinition' } },
      { sdk: 'EnableNetworkIsolation', json: 'enableNetworkIsolation', type: 'boolean' },
      { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
    ],
    DescribeNotebookInstanceLifecycleConfigOutput: [
      ...lifecycleSpec,
      { sdk: 'NotebookInstanceLifecycleConfigArn', json: 'notebookInstanceLifecycleConfigARN', type: 'string' },
      { sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' },
      { sdk: 'LastModifiedTime', json: 'lastModifiedTime', type: 'timestamp' },
    ],
    // Real DescribeModel returns no Tags; the fixture does, to exercise system-tag filtering.
    DescribeModelOutput: [
      { sdk: 'ModelName', json: 'modelName', type: 'string' },
      { sdk: 'ExecutionRoleArn', json: 'executionRoleARN', type: 'string' },
      { sdk: 'PrimaryContainer', json: 'primaryContainer', type: { struct: 'ContainerDefinition' } },
      { sdk: 'EnableNetworkIsolation', json: 'enableNetworkIsolation', type: 'boolean' },
      { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
      { sdk: 'ModelArn', json: 'modelARN', type: 'string' },
      { sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' },
    ],
    DescribeModelInput: [{ sdk: 'ModelName', json: 'modelName', type: 'string' }],
  },
  resources: [lifecycleConfig, model],
};

/**
 * Application Auto Scaling ScalableTarget: Register is both create and update, read is ReadMany and
 * pick, identity is three spec fields. moto serves all of it, so integration tests use this kind.
 */
export const scalableTarget: ResourceDescriptor = {
  kind: 'ScalableTarget',
  plural: 'scalabletargets',
  specShape: 'ScalableTargetSpec',
  statusShape: 'ScalableTargetStatus',
  primaryKey: ['spec.serviceNamespace', 'spec.resourceID', 'spec.scalableDimension'],
  arnMember: 'ScalableTargetARN',
  operations: {
    create: { name: 'RegisterScalableTarget', input: 'RegisterScalableTargetRequest' },
    readMany: {
      name: 'DescribeScalableTargets',
      input: 'DescribeScalableTargetsRequest',
      output: 'DescribeScalableTargetsResponse',
      itemsMember: 'ScalableTargets',
      filterMembers: { ResourceIds: 'ResourceId' },
    },
    update: { name: 'RegisterScalableTarget', input: 'RegisterScalableTargetRequest' },
    delete: { name: 'DeregisterScalableTarget', input: 'DeregisterScalableTargetRequest' },
  },
  notFound: [{ code: 'ObjectNotFoundException' }, { code: 'ValidationException', messagePrefix: 'No scalable target found' }],
  terminalCodes: ['ValidationException'],
  immutable: ['serviceNamespace', 'resourceID', 'scalableDimension'],
  lateInitialize: [],
  compareIgnored: [],
};

const targetKey = [
  { sdk: 'ServiceNamespace', json: 'serviceNamespace', type: 'string' },
  { sdk: 'ResourceId', json: 'resourceID', type: 'string' },
  { sdk: 'ScalableDimension', json: 'scalableDimension', type: 'string' },
] as const;
const targetSpec = [
  ...targetKey,
  { sdk: 'MinCapacity', json: 'minCapacity', type: 'integer' },
  { sdk: 'MaxCapacity', json: 'maxCapacity', type: 'integer' },
  { sdk: 'RoleARN', json: 'roleARN', type: 'string' },
  { sdk: 'SuspendedState', json: 'suspendedState', type: { struct: 'SuspendedState' } },
] as const;

export const autoscalingFixture: ServiceDescriptor = {
  service: 'applicationautoscaling',
  group: 'applicationautoscaling.services.k8s.aws',
  version: 'v1alpha1',
  sdk: { package: '@aws-sdk/client-application-auto-scaling', client: 'ApplicationAutoScalingClient' },
  shapes: {
    SuspendedState: [
      { sdk: 'DynamicScalingInSuspended', json: 'dynamicScalingInSuspended', type: 'boolean' },
      { sdk: 'DynamicScalingOutSuspended', json: 'dynamicScalingOutSuspended', type: 'boolean' },
      { sdk: 'ScheduledScalingSuspended', json: 'scheduledScalingSuspended', type: 'boolean' },
    ],
    ScalableTargetSpec: targetSpec,
    ScalableTargetStatus: [{ sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' }],
    ScalableTarget: [...targetSpec, { sdk: 'CreationTime', json: 'creationTime', type: 'timestamp' }, { sdk: 'ScalableTargetARN', json: 'scalableTargetARN', type: 'string' }],
    RegisterScalableTargetRequest: targetSpec,
    DescribeScalableTargetsRequest: [
      { sdk: 'ServiceNamespace', json: 'serviceNamespace', type: 'string' },
      { sdk: 'ResourceIds', json: 'resourceIDs', type: { list: 'string' } },
      { sdk: 'ScalableDimension', json: 'scalableDimension', type: 'string' },
    ],
    DescribeScalableTargetsResponse: [{ sdk: 'ScalableTargets', json: 'scalableTargets', type: { list: { struct: 'ScalableTarget' } } }],
    DeregisterScalableTargetRequest: targetKey,
  },
  resources: [scalableTarget],
};
