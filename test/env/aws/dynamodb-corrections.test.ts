import type { AwsCall } from './aws-call';
import { applyReplicaUpdates, correctTableDescription, emptyDynamoDbState, recordTableCall, sseDescriptionFor } from './dynamodb-corrections';

const call = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: 'dynamodb', operation, protocol: 'awsJson1_1', input });
const motoKey = 'arn:aws:kms:us-east-1:123456789012:key/moto';
const described = (extra: Record<string, unknown> = {}) => ({ Table: { TableName: 't', TableStatus: 'ACTIVE', SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: motoKey }, ...extra } });

describe('DynamoDB table settings moto drops or ignores', () => {
  it('TableClass (moto never stores it): STANDARD by default, then what the last accepted call set', () => {
    const s = emptyDynamoDbState();
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).toMatchObject({ TableClassSummary: { TableClass: 'STANDARD' } });
    recordTableCall(s, call('CreateTable', { TableName: 't', TableClass: 'STANDARD_INFREQUENT_ACCESS' }), undefined);
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).toMatchObject({ TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' } });
    recordTableCall(s, call('UpdateTable', { TableName: 't', TableClass: 'STANDARD' }), undefined);
    const updated = correctTableDescription(s, call('UpdateTable', { TableName: 't' }), { TableDescription: described().Table });
    expect(updated?.TableDescription).toMatchObject({ TableClassSummary: { TableClass: 'STANDARD' } });
  });

  it('an SSE update (moto ignores it) shows in the description; disabled means no SSEDescription; the create\'s own SSE is moto\'s', () => {
    const s = emptyDynamoDbState();
    recordTableCall(s, call('CreateTable', { TableName: 't', SSESpecification: { Enabled: true } }), { TableDescription: described().Table });
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).toMatchObject({ SSEDescription: { KMSMasterKeyArn: motoKey } });
    recordTableCall(s, call('UpdateTable', { TableName: 't', SSESpecification: { Enabled: false } }), undefined);
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).not.toHaveProperty('SSEDescription');
    recordTableCall(s, call('UpdateTable', { TableName: 't', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:1:key/mine' } }), undefined);
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).toMatchObject({ SSEDescription: { Status: 'ENABLED', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:1:key/mine' } });
  });

  it('a deleted table is forgotten; other services and operations are left alone', () => {
    const s = emptyDynamoDbState();
    recordTableCall(s, call('CreateTable', { TableName: 't', TableClass: 'STANDARD_INFREQUENT_ACCESS' }), undefined);
    recordTableCall(s, call('DeleteTable', { TableName: 't' }), undefined);
    expect(s.tables.has('t')).toBe(false);
    expect(correctTableDescription(s, { ...call('DescribeTable', {}), service: 'sagemaker' }, described())).toBeUndefined();
    expect(correctTableDescription(s, call('ListTables', {}), { TableNames: ['t'] })).toBeUndefined();
  });

  it('ReplicaUpdates (moto drops them): Create adds a Region, reported ACTIVE in DescribeTable; Update changes it; Delete removes it', () => {
    const s = emptyDynamoDbState();
    recordTableCall(s, call('CreateTable', { TableName: 't' }), undefined);
    expect(correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table).not.toHaveProperty('Replicas');
    recordTableCall(s, call('UpdateTable', { TableName: 't', ReplicaUpdates: [{ Create: { RegionName: 'us-west-2' } }] }), undefined);
    recordTableCall(s, call('UpdateTable', { TableName: 't', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1', TableClassOverride: 'STANDARD' } }] }), undefined);
    expect((correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table as Record<string, unknown>)?.Replicas).toEqual([
      { RegionName: 'us-west-2', ReplicaStatus: 'ACTIVE' },
      { RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE', ReplicaTableClassSummary: { TableClass: 'STANDARD' } },
    ]);
    recordTableCall(s, call('UpdateTable', { TableName: 't', ReplicaUpdates: [{ Delete: { RegionName: 'us-west-2' } }] }), undefined);
    recordTableCall(s, call('UpdateTable', { TableName: 't', TableClass: 'STANDARD' }), undefined);
    expect((correctTableDescription(s, call('DescribeTable', { TableName: 't' }), described())?.Table as Record<string, unknown>)?.Replicas).toEqual([{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE', ReplicaTableClassSummary: { TableClass: 'STANDARD' } }]);
    expect(applyReplicaUpdates([], [{ Update: { RegionName: 'nowhere' } }])).toEqual([]);
  });

  it('sseDescriptionFor: a key id (not an ARN) keeps the key ARN AWS reports', () => {
    expect(sseDescriptionFor({ Enabled: true, KMSMasterKeyId: 'mine' }, { KMSMasterKeyArn: motoKey })).toEqual({ Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: motoKey });
    expect(sseDescriptionFor({ Enabled: false }, undefined)).toBeNull();
  });
});
