import { delta, fakeContext, view } from './common/testing';
import { LAST_CONFIG_ANNOTATION, checkEndpointUpdate, endpoint } from './endpoint';

const at = (endpointStatus: string, extra: Record<string, unknown> = {}) => view({ endpointName: 'ep', endpointConfigName: 'cfg-1' }, { endpointStatus, ...extra });
const want = (endpointConfigName: string, annotations: Record<string, string> = {}) => view({ endpointName: 'ep', endpointConfigName }, {}, annotations);
const configChange = delta('endpointConfigName');
const updateError = {
  terminal: true,
  reason: 'EndpointUpdateError',
  message: 'api error EndpointUpdateError: unable to update endpoint. check FailureReason. latest EndpointConfigName is cfg-1',
};

describe('Endpoint synced (ACK readOne fixtures)', () => {
  it('Creating → Synced False "Endpoint is in Creating status."', () => {
    expect(endpoint.isSynced!(at('Creating'))).toEqual({ synced: false, message: 'Endpoint is in Creating status.' });
  });
  it('InService → Synced True', () => {
    expect(endpoint.isSynced!(at('InService'))).toEqual({ synced: true, message: 'Endpoint is in InService status.' });
  });
  it('Failed → Synced True and Terminal', () => {
    expect(endpoint.isSynced!(at('Failed'))).toEqual({
      synced: true,
      message: 'Endpoint is in Failed status.',
      terminal: 'Endpoint status reached terminal state: Failed. Check the FailureReason.',
    });
  });
});

describe('Endpoint update pre-checks (ACK §2.2)', () => {
  it.each(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'])('%s → requeue, cannot be modified', (s) => {
    expect(checkEndpointUpdate(configChange, want('cfg-2'), at(s))).toEqual({
      requeueAfterMs: 30_000,
      reason: `Endpoint in ${s} state cannot be modified or deleted.`,
    });
  });
  it('Failed → EndpointUpdateError naming the latest config', () => {
    expect(checkEndpointUpdate(configChange, want('cfg-2'), at('Failed'))).toEqual(updateError);
  });
  it('the same config again after SageMaker rolled it back → EndpointUpdateError', () => {
    const rolledBack = at('InService', { failureReason: 'Image not found' });
    expect(checkEndpointUpdate(configChange, want('cfg-2', { [LAST_CONFIG_ANNOTATION]: 'cfg-2' }), rolledBack)).toEqual(updateError);
  });
  it('a different config after a rollback goes through (recovery)', () => {
    const rolledBack = at('InService', { failureReason: 'Image not found' });
    expect(checkEndpointUpdate(configChange, want('cfg-3', { [LAST_CONFIG_ANNOTATION]: 'cfg-2' }), rolledBack)).toBeUndefined();
  });
  it('internal service failures may be retried with the same config', () => {
    const rolledBack = at('InService', { failureReason: 'Request to service failed. If failure persists after retry, contact customer support.' });
    expect(checkEndpointUpdate(configChange, want('cfg-2', { [LAST_CONFIG_ANNOTATION]: 'cfg-2' }), rolledBack)).toBeUndefined();
  });
  it('without a failure reason, or without the annotation, goes through', () => {
    expect(checkEndpointUpdate(configChange, want('cfg-2', { [LAST_CONFIG_ANNOTATION]: 'cfg-2' }), at('InService'))).toBeUndefined();
    expect(checkEndpointUpdate(configChange, want('cfg-2'), at('InService', { failureReason: 'x' }))).toBeUndefined();
  });
  it('a change that is not the config (deploymentConfig) is not the rolled-back retry', () => {
    const rolledBack = at('InService', { failureReason: 'x' });
    expect(checkEndpointUpdate(delta('deploymentConfig.autoRollbackConfiguration'), want('cfg-1', { [LAST_CONFIG_ANNOTATION]: 'cfg-1' }), rolledBack)).toBeUndefined();
  });
  it('has no beforeUpdate: the runtime-built input (RetainAllVariantProperties is descriptor data) goes as is', () => {
    expect(endpoint.beforeUpdate).toBeUndefined();
  });
});

describe('Endpoint after update and delete', () => {
  it('Update OK → annotation set, status Updating (so Synced False "Endpoint is in Updating status.")', () => {
    const effects = endpoint.afterUpdate!(want('cfg-2'), at('InService'), fakeContext());
    expect(effects).toEqual({ annotations: { [LAST_CONFIG_ANNOTATION]: 'cfg-2' }, status: { endpointStatus: 'Updating' } });
    expect(endpoint.isSynced!(view({}, effects.status))).toEqual({ synced: false, message: 'Endpoint is in Updating status.' });
  });
  it('Delete while Creating → requeue; Delete OK → "Endpoint is Deleting."', async () => {
    expect(await endpoint.beforeDelete!(at('Creating'), fakeContext())).toEqual({
      requeueAfterMs: 30_000,
      reason: 'Endpoint in Creating state cannot be modified or deleted.',
    });
    expect(await endpoint.beforeDelete!(at('InService'), fakeContext())).toBeUndefined();
    expect(await endpoint.afterDelete!(at('InService'), fakeContext())).toEqual({ requeueAfterMs: 30_000, reason: 'Endpoint is Deleting.' });
  });
});
