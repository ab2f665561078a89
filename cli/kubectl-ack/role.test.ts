import type { KubeObject } from '../../runtime/k8s/types';
import { roleHint } from './role';

const job = (conditions: object[] = []): KubeObject => ({ apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'TrainingJob', metadata: { name: 'j' }, status: { conditions } });
const ROLE = 'arn:aws:iam::222222222222:role/selected';

describe('roleHint', () => {
  it("a selector's role, from ACK.IAMRoleSelected, comes first", () => {
    const c = { type: 'ACK.IAMRoleSelected', status: 'True', reason: 'Selected', message: `roleARN: ${ROLE}, selectorName: s, selectorResourceVersion: 4` };
    expect(roleHint(job([c]), { 'services.k8s.aws/team-id': 't' })).toEqual({ selected: ROLE });
  });
  it('then the team, then the owner account, else nothing', () => {
    expect(roleHint(job(), { 'services.k8s.aws/team-id': 't', 'services.k8s.aws/owner-account-id': '111111111111' })).toEqual({ team: 't' });
    expect(roleHint(job(), { 'services.k8s.aws/owner-account-id': '111111111111' })).toEqual({ account: '111111111111' });
    expect(roleHint(job(), {})).toBeUndefined();
  });
});
