import { deletionPolicy, DEFAULT_RESYNC_SECONDS, parseAdoption, resolveRegion, resyncSeconds } from './policy';

describe('deletion policy precedence', () => {
  const ns = { 'sagemaker.services.k8s.aws/deletion-policy': 'retain' };
  it('resource annotation > namespace <service> annotation > flag', () => {
    expect(deletionPolicy('sagemaker', { 'services.k8s.aws/deletion-policy': 'delete' }, ns, 'retain')).toBe('delete');
    expect(deletionPolicy('sagemaker', {}, ns, 'delete')).toBe('retain');
    expect(deletionPolicy('sagemaker', {}, { 's3.services.k8s.aws/deletion-policy': 'retain' }, 'delete')).toBe('delete');
    expect(deletionPolicy('SageMaker', undefined, ns, 'delete')).toBe('retain');
    expect(deletionPolicy('sagemaker', undefined, undefined, 'retain')).toBe('retain');
  });
  it('reads anything but "delete" on an annotation as retain (safe on typos)', () => {
    expect(deletionPolicy('sagemaker', { 'services.k8s.aws/deletion-policy': 'Delete ' }, {}, 'retain')).toBe('delete');
    expect(deletionPolicy('sagemaker', { 'services.k8s.aws/deletion-policy': 'delet' }, {}, 'delete')).toBe('retain');
  });
});

describe('resync precedence', () => {
  it('per-kind flag > descriptor > default flag > 10 h', () => {
    expect(resyncSeconds('TrainingJob', { TrainingJob: 60 }, 300, 900)).toBe(60);
    expect(resyncSeconds('TrainingJob', { trainingjob: 60 }, 300, 900)).toBe(60);
    expect(resyncSeconds('TrainingJob', { Endpoint: 60 }, 300, 900)).toBe(300);
    expect(resyncSeconds('TrainingJob', {}, undefined, 900)).toBe(900);
    expect(resyncSeconds('TrainingJob', {}, undefined, 0)).toBe(DEFAULT_RESYNC_SECONDS);
    expect(DEFAULT_RESYNC_SECONDS).toBe(36_000);
  });
});

describe('region precedence', () => {
  it('resource annotation > namespace default-region > flag', () => {
    expect(resolveRegion({ 'services.k8s.aws/region': 'eu-west-1' }, { 'services.k8s.aws/default-region': 'us-east-2' }, 'us-west-2')).toBe('eu-west-1');
    expect(resolveRegion({}, { 'services.k8s.aws/default-region': 'us-east-2' }, 'us-west-2')).toBe('us-east-2');
    expect(resolveRegion({}, {}, 'us-west-2')).toBe('us-west-2');
  });
});

describe('adoption annotations', () => {
  it('parses adopt with fields, adopt-or-create without, and rejects the rest', () => {
    expect(parseAdoption({})).toEqual({ kind: 'none' });
    expect(parseAdoption({ 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': '{"name":"x"}' })).toEqual({ kind: 'adopt', policy: 'adopt', fields: { name: 'x' } });
    expect(parseAdoption({ 'services.k8s.aws/adoption-policy': 'adopt-or-create' })).toEqual({ kind: 'adopt', policy: 'adopt-or-create', fields: {} });
    expect(parseAdoption({ 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': '{' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('unmarshalling adoption-fields') });
    expect(parseAdoption({ 'services.k8s.aws/adoption-policy': 'adopt' })).toMatchObject({ kind: 'invalid' });
    expect(parseAdoption({ 'services.k8s.aws/adoption-policy': 'take' })).toMatchObject({ kind: 'invalid' });
  });
});
