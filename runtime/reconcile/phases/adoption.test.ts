import { model } from '../../testing/fixtures';
import { lccObject, setup } from '../../testing/harness';
import { adopt, applyAdoptionFields } from './adoption';

const MODEL_FIN = 'finalizers.sagemaker.services.k8s.aws/Model';

describe('adoption phase', () => {
  it('adoption-fields fill spec members and the ARN; unknown keys are ignored', () => {
    const t = setup(lccObject());
    const s = t.state();
    const spec = applyAdoptionFields(s, {}, { notebookInstanceLifecycleConfigName: 'other', arn: 'arn:x', nonsense: 'y' });
    expect(spec).toEqual({ notebookInstanceLifecycleConfigName: 'other' });
    expect(s.arn).toBe('arn:x');
  });

  it("adopt: the object takes AWS's spec, the finalizer and the adopted annotation", async () => {
    const t = setup({ apiVersion: 'v', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } }, { descriptor: model });
    const s = t.state();
    const r = await adopt(s, { modelName: 'm' }, { arn: 'arn:m', spec: { modelName: 'm', executionRoleARN: 'arn:role' }, status: {} }, 'adopt');
    expect(r).toEqual({ kind: 'adopted', desired: { modelName: 'm', executionRoleARN: 'arn:role' } });
    expect(t.store.obj!.spec).toEqual({ modelName: 'm', executionRoleARN: 'arn:role' });
    expect(t.store.obj!.metadata.finalizers).toEqual([MODEL_FIN]);
    expect(t.store.obj!.metadata.annotations).toMatchObject({ 'services.k8s.aws/adopted': 'true' });
    expect(s.arn).toBe('arn:m');
    expect(t.events.reasons()).toEqual(['Adopted']);
  });

  it("adopt-or-create: the user's spec stays, and the spec is applied on an immediate requeue", async () => {
    const t = setup({ apiVersion: 'v', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } }, { descriptor: model });
    const r = await adopt(t.state(), { modelName: 'm' }, { arn: 'arn:m', spec: { modelName: 'm', executionRoleARN: 'arn:role' }, status: {} }, 'adopt-or-create');
    expect(r).toEqual({ kind: 'outcome', outcome: { kind: 'requeueAfter', ms: 0, reason: 'adopted' } });
    expect(t.store.obj!.spec).toEqual({ modelName: 'm' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'Adopted' });
  });
});
