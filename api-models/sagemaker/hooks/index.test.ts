import { service } from '../../../generated/sagemaker/src/service';
import { hooks } from './index';

describe('SageMaker hooks index', () => {
  it('names only kinds the service has', () => {
    const kinds = new Set(service.resources.map((r) => r.kind));
    expect(Object.keys(hooks).filter((k) => !kinds.has(k))).toEqual([]);
  });
  it('a kind without an update operation refuses updates with guidance, before the runtime generic refusal', () => {
    const immutable = service.resources.filter((r) => !r.operations.update).map((r) => r.kind);
    const withoutGuidance = immutable.filter((k) => !hooks[k]?.checkUpdate);
    expect(withoutGuidance).toEqual([]);
  });
  it('kinds whose Delete is Stop* use the job-style delete', () => {
    const stoppers = service.resources.filter((r) => r.operations.delete?.name.startsWith('Stop')).map((r) => r.kind);
    expect(stoppers.length).toBeGreaterThan(0);
    for (const k of stoppers) expect(hooks[k]?.afterDelete).toBeDefined();
  });
});
