import { readFileSync } from 'fs';
import { resolve } from 'path';
import { INITIALISMS } from './initialisms';
import { jsonName, names } from './names';
import { readReference, tsvRows } from './testdata/read';

describe('jsonName against ACK', () => {
  const vectors = tsvRows(readReference('ack-names-vectors.tsv'));

  it('reads all 666 vectors', () => {
    expect(vectors).toHaveLength(666);
  });

  it('matches every vector whose left side is a structure member', () => {
    const mismatches = vectors
      .filter(([member, json]) => jsonName(member!) !== json)
      .map(([member, json]) => `${member} → ${jsonName(member!)}, ACK ${json}`);
    // The only rows ACK's own function disagrees with are SCREAMING_SNAKE enum
    // member names (COPY_COUNT, NAME, …) paired with the field ACK derives from
    // the structure member of the same words (CopyCount). ACK never names a field
    // after an enum member: names.New("COPY_COUNT").CamelLower is "cOPYCOUNT".
    const enumRows = vectors.filter(([member]) => /^[A-Z0-9_]+$/.test(member!));
    expect(mismatches).toEqual(
      enumRows.map(([member, json]) => `${member} → ${jsonName(member!)}, ACK ${json}`),
    );
    const fromMembers = new Set(
      vectors.filter(([member, json]) => jsonName(member!) === json).map(([, json]) => json),
    );
    for (const [member, json] of enumRows) {
      expect({ member, coveredByStructureMember: fromMembers.has(json!) }).toEqual({
        member,
        coveredByStructureMember: true,
      });
    }
    expect(vectors.length - enumRows.length).toBe(649);
  });

  it.each([
    ['RoleArn', 'roleARN'],
    ['S3Uri', 's3URI'],
    ['VolumeSizeInGB', 'volumeSizeInGB'],
    ['ModelDataUrl', 'modelDataURL'],
    ['KmsKeyId', 'kmsKeyID'],
    ['SSEKMSKeyId', 'sseKMSKeyID'],
    ['EnableIpv6', 'enableIPv6'],
    ['SecurityGroupIds', 'securityGroupIDs'],
    ['VpcConfig', 'vpcConfig'],
    ['HTTPSPort', 'httpsPort'],
    ['Identifier', 'identifier'],
    ['Type', 'type_'],
    ['Ec2CapacityReservationId', 'ec2CapacityReservationID'],
  ])('%s → %s', (member, json) => {
    expect(jsonName(member)).toBe(json);
  });
});

describe('names: Go names and kinds', () => {
  it.each([
    ['RoleArn', 'RoleARN'],
    ['S3Uri', 'S3URI'],
    ['KmsKeyId', 'KMSKeyID'],
    ['SSEKMSKeyId', 'SSEKMSKeyID'],
    ['Identifier', 'Identifier'],
    ['Type', 'Type'],
    ['Ec2CapacityReservationId', 'EC2CapacityReservationID'],
    ['TrainingJob', 'TrainingJob'],
    ['VpcEndpoint', 'VPCEndpoint'],
    ['HyperParameterTuningJob', 'HyperParameterTuningJob'],
    ['NotebookInstanceLifecycleConfig', 'NotebookInstanceLifecycleConfig'],
    ['DBInstance', 'DBInstance'],
  ])('camel %s → %s', (name, camel) => {
    expect(names(name).camel).toBe(camel);
  });

  it('keeps strcase quirks: separators dropped, letter after a digit capitalised', () => {
    expect(names('foo-bar.baz qux').camel).toBe('FooBarBazQux');
    expect(names('a1b2c3').camel).toBe('A1B2C3');
    expect(names('ID').camelLower).toBe('id');
    expect(names('S3Uri').snake).toBe('s_3_uri');
  });

  it('appends _ to Go keywords in every spelling', () => {
    expect(names('Map').camelLower).toBe('map_');
    expect(names('Interface').camelLower).toBe('interface_');
    expect(names('type').snake).toBe('type_');
  });

  it('memoises', () => {
    expect(names('RoleArn')).toBe(names('RoleArn'));
  });

  it('serialises all spellings', () => {
    expect(JSON.parse(JSON.stringify(names('RoleArn')))).toEqual({
      original: 'RoleArn',
      camel: 'RoleARN',
      camelLower: 'roleARN',
      snake: 'role_arn',
    });
  });

  // Golden rows produced by the Go originals (see the file header).
  const golden = tsvRows(readFileSync(resolve(__dirname, 'testdata/ack-names-golden.tsv'), 'utf8'));

  it('reproduces the Go original on the golden names', () => {
    const wrong = golden
      .map(([original, camel, camelLower, snake]) => ({ original: original!, camel, camelLower, snake }))
      .filter((want) => {
        const got = names(want.original);
        return got.camel !== want.camel || got.camelLower !== want.camelLower || got.snake !== want.snake;
      });
    expect(golden.length).toBeGreaterThan(700);
    expect(wrong).toEqual([]);
  });
});

describe('initialism table', () => {
  it('is the 109-entry table of the reference, in order', () => {
    const md = readReference('ack-codegen.md');
    const section = md.slice(md.indexOf('### 3.1'), md.indexOf('### 3.2'));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| camel') && !l.startsWith('| ---'))
      .map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
    expect(rows).toHaveLength(109);
    const ours = INITIALISMS.map((e) => [e.camel, e.upper, e.lower, e.re ? e.re.source : '–']);
    const theirs = rows.map(([camel, upper, lower, re]) => {
      const pattern = re === '–' ? '–' : re!.split('`')[1]!.replace(/\\\|/g, '|');
      // The reference writes Ttl's pattern in regexp2 syntax; ours spells (?i) out.
      return [camel, upper, lower, pattern.replace('((?i)ttl)', '([Tt][Tt][Ll])')];
    });
    expect(ours).toEqual(theirs);
  });

  it('only ever changes case or adds _, which the prefilter relies on', () => {
    const fold = (s: string) => s.toLowerCase().replace(/_/g, '');
    for (const e of INITIALISMS) {
      expect([fold(e.upper), fold(e.lower)]).toEqual([fold(e.camel), fold(e.camel)]);
    }
  });
});
