import type { FieldSpec, ResourceDescriptor, SdkObject, ServiceDescriptor } from '../descriptor';
import type { AwsPort, OpType } from '../reconcile/ports';

/** An S3-like kind with three sub-resources: a struct without Delete, a string with Delete, a keyed list. */
export const bucketDescriptor: ResourceDescriptor = {
  kind: 'Bucket',
  plural: 'buckets',
  specShape: 'Bucket.Spec',
  statusShape: 'Bucket.Status',
  primaryKey: ['spec.name'],
  operations: {
    create: { name: 'CreateBucket', input: 'CreateBucketRequest', output: 'CreateBucketOutput' },
    readOne: { name: 'HeadBucket', input: 'HeadBucketRequest', output: 'HeadBucketOutput' },
    delete: { name: 'DeleteBucket', input: 'DeleteBucketRequest' },
  },
  notFound: [{ code: 'NoSuchBucket' }, { code: 'NotFound' }],
  terminalCodes: [],
  immutable: ['name'],
  lateInitialize: [],
  compareIgnored: [],
  subResources: [
    {
      field: 'metrics',
      put: { name: 'PutBucketMetricsConfiguration', input: 'PutBucketMetricsConfigurationRequest', member: 'MetricsConfiguration' },
      read: { name: 'ListBucketMetricsConfigurations', input: 'BucketRequest', output: 'ListBucketMetricsConfigurationsOutput', member: 'MetricsConfigurationList' },
      delete: { name: 'DeleteBucketMetricsConfiguration', input: 'DeleteBucketMetricsConfigurationRequest' },
      key: 'Id',
      notFound: [],
    },
    {
      field: 'policy',
      put: { name: 'PutBucketPolicy', input: 'PutBucketPolicyRequest', member: 'Policy' },
      read: { name: 'GetBucketPolicy', input: 'BucketRequest', output: 'GetBucketPolicyOutput', member: 'Policy' },
      delete: { name: 'DeleteBucketPolicy', input: 'BucketRequest' },
      notFound: [],
    },
    {
      field: 'versioning',
      put: { name: 'PutBucketVersioning', input: 'PutBucketVersioningRequest', member: 'VersioningConfiguration' },
      read: { name: 'GetBucketVersioning', input: 'BucketRequest', output: 'VersioningConfiguration' },
      unset: { Status: 'Suspended' },
      notFound: [],
    },
  ],
};

const s = (sdk: string, json: string): FieldSpec => ({ sdk, json, type: 'string' });
const struct = (sdk: string, json: string, shape: string): FieldSpec => ({ sdk, json, type: { struct: shape } });
const metricsList = (sdk: string, json: string): FieldSpec => ({ sdk, json, type: { list: { struct: 'MetricsConfiguration' } } });

export const s3Fixture: ServiceDescriptor = {
  service: 's3',
  group: 's3.services.k8s.aws',
  version: 'v1alpha1',
  sdk: { package: '@aws-sdk/client-s3', client: 'S3Client' },
  shapes: {
    'Bucket.Spec': [s('Bucket', 'name'), metricsList('MetricsConfiguration', 'metrics'), { ...s('Policy', 'policy'), jsonDocument: true }, struct('VersioningConfiguration', 'versioning', 'VersioningConfiguration')],
    'Bucket.Status': [s('Location', 'location')],
    BucketRequest: [s('Bucket', 'name')],
    CreateBucketRequest: [s('Bucket', 'name')],
    CreateBucketOutput: [s('Location', 'location')],
    HeadBucketRequest: [s('Bucket', 'name')],
    HeadBucketOutput: [s('BucketRegion', 'bucketRegion')],
    DeleteBucketRequest: [s('Bucket', 'name')],
    VersioningConfiguration: [s('Status', 'status')],
    PutBucketVersioningRequest: [s('Bucket', 'name'), struct('VersioningConfiguration', 'versioningConfiguration', 'VersioningConfiguration')],
    PutBucketPolicyRequest: [s('Bucket', 'name'), s('Policy', 'policy')],
    GetBucketPolicyOutput: [s('Policy', 'policy')],
    MetricsConfiguration: [s('Id', 'id'), s('Prefix', 'prefix')],
    PutBucketMetricsConfigurationRequest: [s('Bucket', 'name'), s('Id', 'id'), struct('MetricsConfiguration', 'metricsConfiguration', 'MetricsConfiguration')],
    ListBucketMetricsConfigurationsOutput: [metricsList('MetricsConfigurationList', 'metricsConfigurationList')],
    DeleteBucketMetricsConfigurationRequest: [s('Bucket', 'name'), s('Id', 'id')],
  },
  resources: [bucketDescriptor],
};

/** An S3 error as the SDK raises it: a code, an HTTP status. */
export class S3Error extends Error {
  readonly $fault = 'client';
  readonly $metadata: { httpStatusCode: number };
  constructor(
    override readonly name: string,
    status: number,
  ) {
    super(name);
    this.$metadata = { httpStatusCode: status };
  }
}

interface FakeBucket {
  versioning?: SdkObject;
  policy?: string;
  metrics: Map<string, SdkObject>;
}

/** Buckets and their versioning, policy and metrics configurations, answering as S3 does. */
export class FakeS3 implements AwsPort {
  readonly buckets = new Map<string, FakeBucket>();
  readonly calls: { opType: OpType; operation: string; input: SdkObject }[] = [];

  async call(opType: OpType, operation: string, input: SdkObject): Promise<SdkObject> {
    this.calls.push({ opType, operation, input });
    const name = String(input.Bucket);
    if (operation === 'CreateBucket') {
      if (this.buckets.has(name)) throw new S3Error('BucketAlreadyOwnedByYou', 409);
      this.buckets.set(name, { metrics: new Map() });
      return { Location: `/${name}` };
    }
    const b = this.buckets.get(name);
    if (!b) throw new S3Error(operation === 'HeadBucket' ? 'NotFound' : 'NoSuchBucket', 404);
    switch (operation) {
      case 'HeadBucket':
        return { BucketRegion: 'us-west-2' };
      case 'DeleteBucket':
        this.buckets.delete(name);
        return {};
      case 'GetBucketVersioning':
        return { ...(b.versioning ?? {}) };
      case 'PutBucketVersioning':
        b.versioning = input.VersioningConfiguration as SdkObject;
        return {};
      case 'GetBucketPolicy':
        if (b.policy === undefined) throw new S3Error('NoSuchBucketPolicy', 404);
        return { Policy: b.policy };
      case 'PutBucketPolicy':
        b.policy = String(input.Policy);
        return {};
      case 'DeleteBucketPolicy':
        delete b.policy;
        return {};
      case 'ListBucketMetricsConfigurations':
        return b.metrics.size ? { MetricsConfigurationList: [...b.metrics.values()] } : {};
      case 'PutBucketMetricsConfiguration':
        if ((input.MetricsConfiguration as SdkObject).Id !== input.Id) throw new S3Error('InvalidArgument', 400);
        b.metrics.set(String(input.Id), input.MetricsConfiguration as SdkObject);
        return {};
      case 'DeleteBucketMetricsConfiguration':
        if (!b.metrics.delete(String(input.Id))) throw new S3Error('NoSuchConfiguration', 404);
        return {};
      default:
        throw new Error(`FakeS3: unexpected ${operation}`);
    }
  }

  /** Operation names called since `from`. */
  since(from: number): string[] {
    return this.calls.slice(from).map((c) => c.operation);
  }
}
