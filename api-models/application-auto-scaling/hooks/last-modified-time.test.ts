import type { ResourceView } from '../../../runtime/descriptor';
import { computeDelta } from '../../../runtime/reconcile/delta';
import { service } from '../../../generated/application-auto-scaling/src/service';
import { hooks } from './index';
import { rfc3339Seconds, updatedNow, withInitialLastModifiedTime } from './last-modified-time';

const view = (status: Record<string, unknown> = {}): ResourceView => ({ namespace: 'ns', name: 'r', generation: 1, annotations: {}, spec: {}, status });
const created = new Date('2026-03-01T10:00:00.123Z');

describe('lastModifiedTime (ACK customSetLastModifiedTime*)', () => {
  it('first read: creation time', () => {
    expect(withInitialLastModifiedTime({ CreationTime: created }, view())).toEqual({ CreationTime: created, LastModifiedTime: created });
  });
  it('later reads keep the recorded value (the item has none, the status merge keeps it)', () => {
    const item = { CreationTime: created };
    expect(withInitialLastModifiedTime(item, view({ lastModifiedTime: '2026-03-02T00:00:00Z' }))).toBe(item);
  });
  it('an update stamps now, second precision with Z (e2e parses %Y-%m-%dT%H:%M:%SZ)', () => {
    expect(updatedNow(new Date('2026-03-02T11:12:13.987Z'))).toEqual({ status: { lastModifiedTime: '2026-03-02T11:12:13Z' } });
    expect(rfc3339Seconds(created)).toBe('2026-03-01T10:00:00Z');
  });
  it.each(['ScalableTarget', 'ScalingPolicy'])('%s has both hooks', (kind) => {
    const h = hooks[kind]!;
    expect(h.afterReadOne).toBeDefined();
    expect(h.afterUpdate!(view(), view(), undefined as never).status?.lastModifiedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('ScalableTarget: server defaults are not drift (ACK customSetDefaults)', () => {
  it('suspendedState returned as all-false while the user set none or part of it', () => {
    const latest = { minCapacity: 1, maxCapacity: 20, suspendedState: { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false } };
    expect(computeDelta({ minCapacity: 1, maxCapacity: 20 }, latest, 'ScalableTarget.Spec', service.shapes)).toEqual([]);
    expect(computeDelta({ suspendedState: { dynamicScalingInSuspended: false } }, latest, 'ScalableTarget.Spec', service.shapes)).toEqual([]);
  });
  it('maxCapacity 20 → 10 is drift (re-Register)', () => {
    expect(computeDelta({ maxCapacity: 10 }, { maxCapacity: 20 }, 'ScalableTarget.Spec', service.shapes).map((e) => e.path)).toEqual(['maxCapacity']);
  });
});
