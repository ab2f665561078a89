import { deriveConditions, SYNCED_FALSE, SYNCED_TRUE, changedConditions } from './conditions';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';

describe('conditions', () => {
  it('synced: ResourceSynced and Ready true', () => {
    expect(deriveConditions({ synced: SYNCED_TRUE }, [], T0)).toEqual([
      { type: 'ACK.ResourceSynced', status: 'True', reason: 'Synced', message: 'Resource synced successfully', lastTransitionTime: T0 },
      { type: 'Ready', status: 'True', reason: 'Synced', message: 'Resource synced successfully', lastTransitionTime: T0 },
    ]);
  });

  it('terminal wins: Synced False, Ready False with the terminal message', () => {
    const c = deriveConditions({ synced: SYNCED_TRUE, terminal: { reason: 'InvalidParameterValue', message: 'InvalidParameterValue: bad' } }, [], T0);
    expect(c.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['ACK.Terminal', 'True', 'InvalidParameterValue'],
      ['ACK.ResourceSynced', 'False', 'Terminal'],
      ['Ready', 'False', 'ACK.Terminal'],
    ]);
    expect(c[2]!.message).toBe('InvalidParameterValue: bad');
  });

  it('recoverable: Ready False, reason ACK.Recoverable', () => {
    const c = deriveConditions({ synced: { status: 'Unknown' }, recoverable: { reason: 'Throttling', message: 'Throttling: slow down' } }, [], T0);
    expect(c.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ACK.Recoverable', message: 'Throttling: slow down' });
  });

  it('keeps lastTransitionTime while the status is unchanged, moves it on a transition', () => {
    const first = deriveConditions({ synced: SYNCED_TRUE }, [], T0);
    expect(deriveConditions({ synced: SYNCED_TRUE }, first, T1)[0]!.lastTransitionTime).toBe(T0);
    expect(deriveConditions({ synced: SYNCED_FALSE }, first, T1)[0]!.lastTransitionTime).toBe(T1);
  });

  it('reports changed conditions for events', () => {
    const a = deriveConditions({ synced: { status: 'Unknown' }, recoverable: { reason: 'X', message: 'm1' } }, [], T0);
    const b = deriveConditions({ synced: { status: 'Unknown' }, recoverable: { reason: 'X', message: 'm1' } }, a, T1);
    expect(changedConditions(a, b)).toEqual([]);
    const c = deriveConditions({ synced: { status: 'Unknown' }, recoverable: { reason: 'X', message: 'm2' } }, a, T1);
    expect(changedConditions(a, c).map((x) => x.type)).toEqual(['ACK.Recoverable', 'Ready']);
  });

  it('lists late-init, references and advisories when present', () => {
    const c = deriveConditions(
      { synced: SYNCED_TRUE, lateInitialized: { status: 'True' }, referencesResolved: { status: 'True' }, advisories: [{ reason: 'A', message: 'a' }] },
      [],
      T0,
    );
    expect(c.map((x) => x.type)).toEqual(['ACK.ReferencesResolved', 'ACK.LateInitialized', 'ACK.Advisory', 'ACK.ResourceSynced', 'Ready']);
  });
});

describe('ACK.IAMRoleSelected', () => {
  it('is listed when a selector chose the role, absent otherwise', () => {
    const now = '2026-01-01T00:00:00Z';
    const value = { status: 'True' as const, reason: 'Selected', message: 'roleARN: arn:aws:iam::111122223333:role/x, selectorName: s, selectorResourceVersion: 1' };
    const withSel = deriveConditions({ synced: SYNCED_TRUE, iamRoleSelected: value }, [], now);
    expect(withSel.find((c) => c.type === 'ACK.IAMRoleSelected')).toEqual({ type: 'ACK.IAMRoleSelected', ...value, lastTransitionTime: now });
    expect(deriveConditions({ synced: SYNCED_TRUE }, [], now).some((c) => c.type === 'ACK.IAMRoleSelected')).toBe(false);
  });
});
