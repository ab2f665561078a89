import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { loadGeneratorConfig } from '../config/load';
import type { GeneratorConfig, ResourceConfig } from '../config/types';
import { GeneratorError } from '../errors';
import { inferServiceModel } from './resources';
import { modelsDirForTests } from '../../test/support/models-dir';

// The options DynamoDB's Table needs, on the real model with api-models/dynamodb/generator.yaml:
// sub_resource.read_fields, updateable/deletable guards, update_operation.omit_unchanged_fields, custom_sync.
const FILE = join(modelsDirForTests(), 'dynamodb/service/2012-08-10/dynamodb-2012-08-10.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const CONFIG = join(__dirname, '../../api-models/dynamodb/generator.yaml');
const config = loadGeneratorConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
const infer = (c: GeneratorConfig) => inferServiceModel({ service: 'dynamodb', index, config: c, configFile: 'generator.yaml' });
const withTable = (patch: (t: ResourceConfig) => ResourceConfig): GeneratorConfig => ({ ...config, resources: { ...config.resources, Table: patch(config.resources!.Table!) } });
const table = (c: GeneratorConfig = config) => infer(c).resources.find((r) => r.kind === 'Table')!;
/** The one line the CLI prints for a bad config. */
const failure = (c: GeneratorConfig): string => {
  try {
    table(c);
  } catch (e) {
    return e instanceof GeneratorError ? e.format() : String(e);
  }
  return 'no error';
};

describe('sub_resource.read_fields', () => {
  const parts = new Map(table().subResources.map((s) => [s.field, s]));

  it('names where the read reports each member of the part, resolved to SDK names, with the value map', () => {
    const ttl = parts.get('timeToLive')!;
    expect([ttl.put.name, ttl.putMember, ttl.read?.name, ttl.readMember]).toEqual(['UpdateTimeToLive', 'TimeToLiveSpecification', 'DescribeTimeToLive', undefined]);
    expect(ttl.readFields).toEqual({
      AttributeName: { path: 'TimeToLiveDescription.AttributeName' },
      Enabled: { path: 'TimeToLiveDescription.TimeToLiveStatus', map: { ENABLED: true, ENABLING: true, DISABLED: false, DISABLING: false } },
    });
    expect(parts.get('continuousBackups')!.readFields?.PointInTimeRecoveryEnabled?.path).toBe('ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus');
  });

  it('"." stands for a part that is not a structure', () => {
    const ci = parts.get('contributorInsights')!;
    expect([ci.putMember, ci.read?.name, ci.readFields?.['.']?.path, ci.unset]).toEqual(['ContributorInsightsAction', 'DescribeContributorInsights', 'ContributorInsightsStatus', { ContributorInsightsAction: 'DISABLE' }]);
  });

  it('a member the part lacks, a path the output lacks, or "." on a structure is an error naming the key', () => {
    const ttlWith = (read_fields: Record<string, { path: string }>) =>
      withTable((t) => ({ ...t, fields: { ...t.fields, TimeToLive: { ...t.fields!.TimeToLive!, sub_resource: { read_fields } } } }));
    expect(failure(ttlWith({ Enable: { path: 'TimeToLiveDescription.AttributeName' } }))).toBe(
      'generator.yaml: resources.Table.fields.TimeToLive.sub_resource.read_fields.Enable: the part has no member "Enable" (members: Enabled, AttributeName)',
    );
    expect(failure(ttlWith({ Enabled: { path: 'TimeToLiveDescription.Status' } }))).toMatch(/read_fields\.Enabled\.path: DescribeTimeToLive's output has no member "TimeToLiveDescription.Status" \(at "Status"\)/);
    expect(failure(ttlWith({ '.': { path: 'TimeToLiveDescription' } }))).toMatch(/read_fields\.\.: names the part itself, but the part is a structure/);
  });
});

describe('sub_resource.unset_from_read', () => {
  const ttlWith = (sub_resource: Record<string, unknown>) =>
    withTable((t) => ({ ...t, fields: { ...t.fields, TimeToLive: { ...t.fields!.TimeToLive!, sub_resource: { ...t.fields!.TimeToLive!.sub_resource, ...sub_resource } } } }));

  it('TTL is disabled with the attribute name the read reports: members resolved to SDK names', () => {
    const ttl = table(ttlWith({ unset_from_read: ['attributeName'] })).subResources.find((s) => s.field === 'timeToLive')!;
    expect([ttl.unset, ttl.unsetFromRead]).toEqual([{ Enabled: false }, ['AttributeName']]);
  });

  it('a member the part lacks, or a part that is not a structure, is an error naming the key', () => {
    expect(failure(ttlWith({ unset_from_read: ['Attribute'] }))).toBe(
      'generator.yaml: resources.Table.fields.TimeToLive.sub_resource.unset_from_read: the part has no member "Attribute" (members: Enabled, AttributeName)',
    );
    const ci = withTable((t) => ({ ...t, fields: { ...t.fields, ContributorInsights: { ...t.fields!.ContributorInsights!, sub_resource: { ...t.fields!.ContributorInsights!.sub_resource, unset_from_read: ['X'] } } } }));
    expect(failure(ci)).toMatch(/ContributorInsights\.sub_resource\.unset_from_read: the part is not a structure/);
  });
});

describe('updateable, deletable, omit_unchanged_fields, custom_sync', () => {
  it("ACK's updateable becomes a guard on status paths, with ACK's default requeue when unset", () => {
    expect(table().updateable).toEqual({ when: [{ path: 'status.tableStatus', in: ['ACTIVE'] }], requeueAfterSeconds: 10 });
    const t = table(withTable((c) => ({ ...c, deletable: { when: [{ path: 'Status.TableStatus', in: ['ACTIVE', 'ARCHIVED'] }] } })));
    expect(t.deletable).toEqual({ when: [{ path: 'status.tableStatus', in: ['ACTIVE', 'ARCHIVED'] }], requeueAfterSeconds: 30 });
    expect(failure(withTable((c) => ({ ...c, updateable: { when: [{ path: 'Status.TableStatus', in: ['ACTIV'] }] } })))).toMatch(/Table\.updateable\.when\[0\]\.in: "ACTIV" is not a value of Status.TableStatus .*did you mean "ACTIVE"/);
    expect(failure(withTable((c) => ({ ...c, deletable: { when: [{ path: 'Status.Nope', in: ['X'] }] } })))).toMatch(/Table\.deletable\.when\[0\]\.path: "Status.Nope" names no Spec.<Field> or Status.<Field>/);
  });

  it('omit_unchanged_fields is declared on the kind', () => {
    expect(table().omitUnchangedFields).toBe(true);
    expect(table(withTable((c) => ({ ...c, update_operation: {} }))).omitUnchangedFields).toBeUndefined();
  });

  it('a custom_sync field is carried by the update hook, so it is not create-only', () => {
    expect(table().createOnly).not.toContain('globalSecondaryIndexes');
    expect(table().createOnly).not.toContain('tableReplicas');
    expect(table().customSynced).toEqual(['globalSecondaryIndexes', 'tableReplicas']);
    const without = withTable((c) => {
      const { GlobalSecondaryIndexes: _gsi, ...fields } = c.fields!;
      return { ...c, fields };
    });
    expect(table(without).createOnly).toContain('globalSecondaryIndexes');
  });
});
