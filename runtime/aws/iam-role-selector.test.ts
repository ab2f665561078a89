import type { KubeObject } from '../k8s/types';
import { parseSelector, roleAccount, selectRole, selectorMatches, type IamRoleSelector, type SelectionSubject } from './iam-role-selector';

const ARN = 'arn:aws:iam::111122223333:role/team-a';

function sel(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'services.k8s.aws/v1alpha1', kind: 'IAMRoleSelector', metadata: { name, resourceVersion: '7' }, spec: { arn: ARN, ...spec } };
}

function parsed(name: string, spec: Record<string, unknown> = {}): IamRoleSelector {
  const p = parseSelector(sel(name, spec));
  if (!p.ok) throw new Error(p.error);
  return p.selector;
}

const subject: SelectionSubject = {
  namespace: 'ml',
  namespaceLabels: { team: 'a', env: 'prod' },
  group: 'sagemaker.services.k8s.aws',
  version: 'v1alpha1',
  kind: 'Model',
  labels: { app: 'x' },
};

describe('parseSelector', () => {
  it('reads ACK\'s schema', () => {
    expect(
      parsed('s', {
        namespaceSelector: { names: ['ml', 'dev'], labelSelector: { matchLabels: { team: 'a' } } },
        resourceTypeSelector: [{ group: 'sagemaker.services.k8s.aws', version: '', kind: 'Model' }],
        resourceLabelSelector: { matchLabels: { app: 'x' } },
      }),
    ).toEqual({
      name: 's',
      resourceVersion: '7',
      arn: ARN,
      namespaceNames: ['ml', 'dev'],
      namespaceLabels: { team: 'a' },
      resourceTypes: [{ group: 'sagemaker.services.k8s.aws', version: '', kind: 'Model' }],
      resourceLabels: { app: 'x' },
    });
  });

  it.each([
    [{ arn: '' }, 'IAMRoleSelector bad: spec.arn is empty'],
    [{ arn: 'arn:aws:s3:::bucket' }, 'IAMRoleSelector bad: spec.arn "arn:aws:s3:::bucket" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)'],
    [{ namespaceSelector: { names: ['a', ''] } }, 'IAMRoleSelector bad: spec.namespaceSelector.names has an empty name'],
    [{ namespaceSelector: { names: ['a', 'a'] } }, 'IAMRoleSelector bad: spec.namespaceSelector.names lists "a" twice'],
    [{ namespaceSelector: { names: [], labelSelector: { matchLabels: { '': 'x' } } } }, 'IAMRoleSelector bad: spec.namespaceSelector.labelSelector.matchLabels has an empty label key'],
    [{ resourceTypeSelector: [{ group: '', version: '', kind: '' }] }, 'IAMRoleSelector bad: spec.resourceTypeSelector[0] needs at least one of group, version, kind'],
    [{ resourceTypeSelector: [{ kind: 'Model' }, { kind: 'Model' }] }, 'IAMRoleSelector bad: spec.resourceTypeSelector[1] repeats //Model'],
    [{ resourceLabelSelector: { matchLabels: { app: 3 } } }, 'IAMRoleSelector bad: spec.resourceLabelSelector.matchLabels value of "app" must be a string'],
  ])('refuses %j with one line', (spec, error) => {
    expect(parseSelector(sel('bad', spec))).toEqual({ ok: false, error });
  });
});

describe('selectorMatches', () => {
  it('an empty selector matches everything', () => {
    expect(selectorMatches(parsed('s'), subject)).toBe(true);
  });
  it('names: OR over the list, AND with the namespace labels', () => {
    expect(selectorMatches(parsed('s', { namespaceSelector: { names: ['dev', 'ml'] } }), subject)).toBe(true);
    expect(selectorMatches(parsed('s', { namespaceSelector: { names: ['dev'] } }), subject)).toBe(false);
    expect(selectorMatches(parsed('s', { namespaceSelector: { names: ['ml'], labelSelector: { matchLabels: { team: 'b' } } } }), subject)).toBe(false);
    expect(selectorMatches(parsed('s', { namespaceSelector: { names: [], labelSelector: { matchLabels: { team: 'a', env: 'prod' } } } }), subject)).toBe(true);
  });
  it('resource types: OR over entries, "" is a wildcard inside one', () => {
    expect(selectorMatches(parsed('s', { resourceTypeSelector: [{ kind: 'Endpoint' }, { group: 'sagemaker.services.k8s.aws' }] }), subject)).toBe(true);
    expect(selectorMatches(parsed('s', { resourceTypeSelector: [{ group: 'sagemaker.services.k8s.aws', version: 'v1', kind: 'Model' }] }), subject)).toBe(false);
    expect(selectorMatches(parsed('s', { resourceTypeSelector: [{ kind: 'Endpoint' }] }), subject)).toBe(false);
  });
  it('resource labels: every label must equal; AND with the other selectors', () => {
    expect(selectorMatches(parsed('s', { resourceLabelSelector: { matchLabels: { app: 'x' } } }), subject)).toBe(true);
    expect(selectorMatches(parsed('s', { resourceLabelSelector: { matchLabels: { app: 'x', tier: 'web' } } }), subject)).toBe(false);
    expect(selectorMatches(parsed('s', { namespaceSelector: { names: ['ml'] }, resourceLabelSelector: { matchLabels: { app: 'y' } } }), subject)).toBe(false);
  });
});

describe('selectRole', () => {
  it('none, one, or many (by name, sorted)', () => {
    const ml = parsed('ml', { namespaceSelector: { names: ['ml'] } });
    const dev = parsed('dev', { namespaceSelector: { names: ['dev'] } });
    const models = parsed('models', { resourceTypeSelector: [{ kind: 'Model' }] });
    expect(selectRole([dev], subject)).toEqual({ kind: 'none' });
    expect(selectRole([dev, ml], subject)).toEqual({ kind: 'one', selector: ml });
    expect(selectRole([ml, dev, models], subject)).toEqual({ kind: 'many', names: ['ml', 'models'] });
  });
});

it('roleAccount reads the account of a role ARN in any partition', () => {
  expect(roleAccount('arn:aws:iam::111122223333:role/x')).toBe('111122223333');
  expect(roleAccount('arn:aws-us-gov:iam::222233334444:role/path/x')).toBe('222233334444');
  expect(roleAccount('arn:aws:iam::1:role/x')).toBeUndefined();
});
