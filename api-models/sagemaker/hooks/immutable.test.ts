import { delta, view } from './common/testing';
import { endpointConfig } from './endpoint-config';
import { model } from './model';

describe('Model and EndpointConfig are immutable (ACK Update=NotSupported)', () => {
  it('Model: any spec change is Terminal, "not implemented", saying to create a new one', () => {
    expect(model.checkUpdate!(delta('primaryContainer.image'), view(), view())).toEqual({
      terminal: true,
      reason: 'UpdateNotSupported',
      message:
        'not implemented: a Model cannot be changed in SageMaker; create a new Model with a new modelName and point the EndpointConfig at it (changed: spec.primaryContainer.image)',
    });
  });
  it('EndpointConfig: names every changed field', () => {
    const verdict = endpointConfig.checkUpdate!(delta('productionVariants', 'kmsKeyID'), view(), view());
    expect(verdict).toMatchObject({ terminal: true, reason: 'UpdateNotSupported' });
    expect((verdict as { message: string }).message).toMatch(/create a new EndpointConfig .*\(changed: spec\.productionVariants, spec\.kmsKeyID\)$/);
  });
});
