import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGeneratorConfig } from '../config/load';
import { iamActions } from './iam';
import { widgets } from './test-fixtures';

describe('iamActions', () => {
  it('lists each operation the descriptor binds once, sorted, under the IAM prefix', () => {
    const out = widgets({ 'aws.api#service': { sdkId: 'Widgets', arnNamespace: 'widget-arns' }, 'aws.auth#sigv4': { name: 'widgetsvc' } });
    expect(out.model.iamPrefix).toBe('widgetsvc');
    const policy = JSON.parse(out.files.get('iam/recommended-policy.json')!);
    expect(policy.Statement[0].Action).toEqual([
      'widgetsvc:CreateWidget',
      'widgetsvc:DeleteWidget',
      'widgetsvc:DescribeWidget',
      'widgetsvc:UpdateWidget',
    ]);
    expect(policy).toMatchObject({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] });
  });

  it('takes the prefix from the ARN namespace without a SigV4 name, else from the service name', () => {
    expect(widgets({ 'aws.api#service': { sdkId: 'Widgets', arnNamespace: 'widget-arns' } }).model.iamPrefix).toBe('widget-arns');
    expect(widgets().model.iamPrefix).toBe('widgets');
  });

  it('leaves out operations no kind binds (ReadMany when there is a ReadOne) and adds no tagging actions', () => {
    const d = {
      service: 's',
      group: 'g',
      sdk: { package: 'p', client: 'C' },
      shapes: {},
      resources: [
        { operations: { create: { name: 'CreateA' }, readOne: { name: 'DescribeA' } } },
        { operations: { create: { name: 'PutB' }, update: { name: 'PutB' }, readMany: { name: 'ListBs', itemsMember: 'Bs' } } },
      ],
    } as unknown as Parameters<typeof iamActions>[0];
    expect(iamActions(d, 'svc')).toEqual(['svc:CreateA', 'svc:DescribeA', 'svc:ListBs', 'svc:PutB']);
  });

  it("names the action an operation needs where it differs (iam_action, the model's aws.iam#iamAction), and the sub-resources' operations", () => {
    const d = {
      resources: [
        {
          operations: { create: { name: 'CreateBucket' }, readOne: { name: 'HeadBucket' } },
          subResources: [{ put: { name: 'PutBucketCors' }, read: { name: 'GetBucketCors' }, delete: { name: 'DeleteBucketCors' } }],
        },
      ],
    } as unknown as Parameters<typeof iamActions>[0];
    const names = new Map([['HeadBucket', 'ListBucket'], ['GetBucketCors', 'GetBucketCORS'], ['PutBucketCors', 'PutBucketCORS'], ['DeleteBucketCors', 'PutBucketCORS']]);
    expect(iamActions(d, 's3', names)).toEqual(['s3:CreateBucket', 's3:GetBucketCORS', 's3:ListBucket', 's3:PutBucketCORS']);
  });

  it('adds the operations hooks call (called_by_hooks) and the actions AWS also requires for a listed one (also_needs)', () => {
    const d = { resources: [{ operations: { create: { name: 'CreateInstanceProfile' } }, collections: [{ add: { name: 'AddRoleToInstanceProfile' }, remove: { name: 'RemoveRoleFromInstanceProfile' }, list: { name: 'GetInstanceProfile' } }] }] } as unknown as Parameters<typeof iamActions>[0];
    const alsoNeeds = new Map([['AddRoleToInstanceProfile', ['iam:PassRole']], ['CreateRole', ['iam:Unlisted']]]);
    expect(iamActions(d, 'iam', new Map(), { hookOperations: ['GetServiceLinkedRoleDeletionStatus'], alsoNeeds })).toEqual([
      'iam:AddRoleToInstanceProfile',
      'iam:CreateInstanceProfile',
      'iam:GetInstanceProfile',
      'iam:GetServiceLinkedRoleDeletionStatus',
      'iam:PassRole',
      'iam:RemoveRoleFromInstanceProfile',
    ]);
  });

  it('generator.yaml: called_by_hooks and also_needs reach the IAM policy; a malformed action is refused', () => {
    const policy = JSON.parse(readFileSync(join(__dirname, '../../generated/iam/iam/recommended-policy.json'), 'utf8')).Statement[0].Action as string[];
    expect(policy).toEqual(expect.arrayContaining(['iam:GetServiceLinkedRoleDeletionStatus', 'iam:ListPolicyVersions', 'iam:PassRole']));
    expect(() => loadGeneratorConfig('operations:\n  CreateRole: {also_needs: [PassRole]}\n', 'generator.yaml')).toThrow(/"PassRole"/);
  });
});
