// ACK resource references end to end: a ScalableTarget written for ACK with `roleRef` names an
// iam.services.k8s.aws Role (the generated iam CRD; no iam controller runs here, the test plays its
// part by writing the Role's status); the generated autoscaling controller registers the target in moto with that Role's ARN, and only once the
// Role is there and synced.
import { stringify } from 'yaml';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { installServiceCrds } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';
import { AUTOSCALING, condition, gone, installCrds, ref, startControllers, until, waitFor, type Controllers } from '../e2e/controllers';

const ROLES = { group: 'iam.services.k8s.aws', version: 'v1alpha1', plural: 'roles' };
const TARGETS = ref(AUTOSCALING, 'scalabletargets');
const ACCOUNT = '123456789012';
const ns = uniqueName('refs');
const otherNs = uniqueName('refs-iam');

let aws: TestAws;
let c: Controllers;

/** A ScalableTarget as ACK's docs write it, with roleRef instead of roleARN. */
function targetManifest(name: string, resourceID: string, roleRef: { name: string; namespace?: string }) {
  return {
    apiVersion: `${AUTOSCALING.group}/${AUTOSCALING.version}`,
    kind: 'ScalableTarget',
    metadata: { name },
    spec: {
      serviceNamespace: 'sagemaker',
      resourceID,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: 1,
      maxCapacity: 2,
      roleRef: { from: roleRef },
    },
  };
}

function apply(namespace: string, manifest: object, ...extra: string[]) {
  return kubectl(['apply', '-n', namespace, ...extra, '-f', '-'], { input: stringify(manifest) });
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** A Role as the IAM controller leaves it once synced. */
async function createSyncedRole(namespace: string, name: string): Promise<string> {
  const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
  await c.kube.create(ROLES, namespace, { apiVersion: 'iam.services.k8s.aws/v1alpha1', kind: 'Role', metadata: { name, namespace }, spec: { name, assumeRolePolicyDocument: TRUST } });
  await c.kube.mergePatch(ROLES, namespace, name, {
    status: {
      ackResourceMetadata: { arn, ownerAccountID: ACCOUNT, region: 'us-east-1' },
      conditions: [{ type: 'ACK.ResourceSynced', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }],
    },
  }, 'status');
  return arn;
}

const registered = async (resourceID: string, since: number) =>
  (await aws.control.calls({ operation: 'RegisterScalableTarget', since })).filter((call) => call.input['ResourceId'] === resourceID);

const env = withControllers({
  ns,
  namespaces: [otherNs],
  crds: () => {
    installCrds();
    installServiceCrds('iam');
  },
  start: startControllers,
});
beforeAll(() => ({ aws, c } = env));

describe('references: ScalableTarget roleRef → an IAM Role', () => {
  it('an ACK manifest with roleRef passes server-side dry-run with strict field validation', () => {
    const r = apply(ns, targetManifest('dry-run', 'endpoint/dry-run/variant/AllTraffic', { name: 'exec' }), '--server-side', '--dry-run=server', '--validate=strict');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('resolves roleRef to the synced Role\'s ARN: RegisterScalableTarget carries it, ReferencesResolved=True, the spec keeps only roleRef', async () => {
    const roleArn = await createSyncedRole(ns, 'scaling-role');
    const resourceID = `endpoint/${uniqueName('ep')}/variant/AllTraffic`;
    const since = await aws.control.mark();
    const r = apply(ns, targetManifest('with-role', resourceID, { name: 'scaling-role' }));
    expect(r.status).toBe(0);
    const target = await until(c, TARGETS, ns, 'with-role', (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'synced');
    expect(condition(target, 'ACK.ReferencesResolved')?.status).toBe('True');
    expect(condition(target, 'ACK.Advisory')).toBeUndefined();
    const calls = await registered(resourceID, since);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]!.input['RoleARN']).toBe(roleArn);
    expect(calls[0]!.status).toBe(200);
    // Late initialization of roleARN must not store the resolved value: the user wrote only roleRef.
    expect(target.spec).not.toHaveProperty('roleARN');
    expect(target.spec!['roleRef']).toEqual({ from: { name: 'scaling-role' } });

    // A later reconcile (an annotation change wakes it) re-resolves to the same ARN: no drift, no second write.
    const reads = async () => (await aws.control.calls({ operation: 'DescribeScalableTargets', since })).filter((call) => JSON.stringify(call.input).includes(resourceID)).length;
    const before = await reads();
    expect(kubectl(['annotate', 'scalabletarget', 'with-role', '-n', ns, 'example.com/touch=1']).status).toBe(0);
    await waitFor(async () => (await reads()) > before, 30_000, 'a reconcile after the annotation', c.logs);
    expect(await registered(resourceID, since)).toHaveLength(1);
  });

  it('a missing Role: ReferencesResolved is not True and nothing is called in AWS; once the Role is synced, the target registers', async () => {
    const resourceID = `endpoint/${uniqueName('ep')}/variant/AllTraffic`;
    const since = await aws.control.mark();
    expect(apply(ns, targetManifest('orphan', resourceID, { name: 'late-role' })).status).toBe(0);
    const waiting = await until(c, TARGETS, ns, 'orphan', (o) => condition(o, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
    expect(condition(waiting, 'ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', reason: 'roles.iam.services.k8s.aws "late-role" not found', message: 'Reference resolution failed' });
    expect(condition(waiting, 'ACK.ResourceSynced')?.status).toBe('False');
    await new Promise((r) => setTimeout(r, 1_500));
    const touching = (await aws.control.calls({ since })).filter((call) => JSON.stringify(call.input).includes(resourceID));
    expect(touching).toEqual([]);
    expect((await c.kube.get<KubeObject>(TARGETS, ns, 'orphan'))!.metadata.finalizers ?? []).toEqual([]);

    const roleArn = await createSyncedRole(ns, 'late-role');
    await until(c, TARGETS, ns, 'orphan', (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'synced once the Role exists', 60_000);
    expect((await registered(resourceID, since))[0]!.input['RoleARN']).toBe(roleArn);
  });

  it('a Role in another namespace resolves (--enable-cross-namespace defaults to true) with the CrossNamespaceOptInRequired advisory', async () => {
    const roleArn = await createSyncedRole(otherNs, 'shared-role');
    const resourceID = `endpoint/${uniqueName('ep')}/variant/AllTraffic`;
    const since = await aws.control.mark();
    expect(apply(ns, targetManifest('cross', resourceID, { name: 'shared-role', namespace: otherNs })).status).toBe(0);
    const target = await until(c, TARGETS, ns, 'cross', (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'synced');
    expect(condition(target, 'ACK.ReferencesResolved')?.status).toBe('True');
    expect(condition(target, 'ACK.Advisory')).toMatchObject({ status: 'True', reason: 'CrossNamespaceOptInRequired', message: expect.stringContaining(`references "shared-role" in namespace "${otherNs}"`) });
    expect((await registered(resourceID, since))[0]!.input['RoleARN']).toBe(roleArn);
  });

  it('the targets delete cleanly', async () => {
    for (const name of ['with-role', 'orphan', 'cross']) kubectl(['delete', 'scalabletarget', name, '-n', ns, '--wait=false']);
    for (const name of ['with-role', 'orphan', 'cross']) await gone(c, TARGETS, ns, name);
  });
});
