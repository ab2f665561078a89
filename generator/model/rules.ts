import { GeneratorError } from '../errors';
import type { FieldConfig, ResourceConfig } from '../config/types';
import type { OperationShape, ShapeIndex } from '../smithy/types';
import { closestNames } from '../smithy/suggest';
import { names } from '../names';
import { lookup } from './config-lookup';
import { singularize } from './inflect';
import type { ShapeTypes } from './shape-types';
import type { ErrorMatcher, Field, Guard, PrinterColumn, ResourceField, SyncedRule } from './types';
import { wireErrorCode } from './error-codes';

/** A kind's rules from its config and model: identifiers, not-found, synced, printer columns, ReadMany picking. */

export function primaryKeyOf(
  name: string,
  spec: readonly ResourceField[],
  status: readonly ResourceField[],
  fieldConfigs: Readonly<Record<string, FieldConfig>>,
  rc: ResourceConfig,
): string[] {
  const isKey = (f: Field) => (lookup(fieldConfigs, f.member) ?? lookup(fieldConfigs, f.json))?.is_primary_key === true;
  const marked = [...spec.filter(isKey).map((f) => `spec.${f.json}`), ...status.filter(isKey).map((f) => `status.${f.json}`)];
  if (marked.length > 0) return marked;
  if (rc.is_arn_primary_key) return ['status.ackResourceMetadata.arn'];
  const candidates = ['name', `${name}name`, `${name}id`].map((c) => c.toLowerCase());
  const byName = spec.find((f) => candidates.includes(f.member.toLowerCase()));
  if (byName) return [`spec.${byName.json}`];
  return ['status.ackResourceMetadata.arn'];
}

/** AWS's names for "no such resource": ResourceNotFoundException, NoSuchEntity, QueueDoesNotExist, NonExistentQueue. */
const NOT_FOUND_NAME = /NotFound|^NoSuch|DoesNotExist|NonExistent/;

export function notFoundOf(rc: ResourceConfig, index: ShapeIndex, reads: readonly (OperationShape | undefined)[]): ErrorMatcher[] {
  const configured = rc.exceptions?.errors?.['404'];
  const declared = reads.flatMap((op) => (op?.errors ?? []).map((e) => index.get(e))).filter((s) => s !== undefined);
  const code = (s: (typeof declared)[number]) => wireErrorCode(index, s);
  if (!configured) {
    // JSON-protocol models often leave out @httpError (EventBridge's ResourceNotFoundException): then the name says it.
    const first = declared.find((s) => s.traits.httpError === 404) ?? declared.find((s) => s.traits.httpError === undefined && NOT_FOUND_NAME.test(s.name));
    return first ? [{ code: code(first) }] : [];
  }
  // Besides the configured code: an error the read declares without an HTTP status whose name says
  // not-found (S3 HeadBucket's NotFound: a HEAD answer has no body, so no NoSuchBucket code).
  const named = declared.filter((s) => s.traits.httpError === undefined && /^(NotFound|NoSuch\w+)$/.test(s.name)).map(code);
  return [
    {
      code: configured.code,
      ...(configured.message_prefix ? { messagePrefix: configured.message_prefix } : {}),
      ...(configured.message_suffix ? { messageSuffix: configured.message_suffix } : {}),
    },
    ...[...new Set(named)].filter((c) => c !== configured.code).map((c) => ({ code: c })),
  ];
}

export function syncedOf(
  rc: ResourceConfig,
  spec: readonly Field[],
  status: readonly Field[],
  at: (p: string) => { file: string; at: string },
): SyncedRule[] {
  return conditionsOf(rc.synced?.when ?? [], 'synced', spec, status, at);
}

/**
 * ACK's `updateable` / `deletable` guards: the update (delete) waits, requeued after
 * `requeue_after_seconds` (ACK's default 30), until every condition holds.
 */
export function guardOf(
  rc: ResourceConfig,
  key: 'updateable' | 'deletable',
  spec: readonly Field[],
  status: readonly Field[],
  at: (p: string) => { file: string; at: string },
): Guard | undefined {
  const g = rc[key];
  if (!g?.when?.length) return undefined;
  return { when: conditionsOf(g.when, key, spec, status, at), requeueAfterSeconds: g.requeue_after_seconds ?? 30 };
}

function conditionsOf(
  when: NonNullable<NonNullable<ResourceConfig['synced']>['when']>,
  key: string,
  spec: readonly Field[],
  status: readonly Field[],
  at: (p: string) => { file: string; at: string },
): SyncedRule[] {
  return when.map((w, i) => {
    const [root, ...rest] = w.path.split('.');
    const fields = root?.toLowerCase() === 'spec' ? spec : root?.toLowerCase() === 'status' ? status : undefined;
    const f = fields?.find((x) => x.member.toLowerCase() === rest.join('.').toLowerCase());
    if (!fields || !f) {
      throw new GeneratorError(at(`${key}.when[${i}].path`), `"${w.path}" names no Spec.<Field> or Status.<Field>`);
    }
    const allowed = f.type.kind === 'string' || f.type.kind === 'integer' ? f.type.enum : undefined;
    const values = w.in.map(String);
    const unknown = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
    if (allowed && unknown !== undefined) {
      const close = closestNames(unknown, allowed, 1)[0];
      throw new GeneratorError(
        at(`${key}.when[${i}].in`),
        `"${unknown}" is not a value of ${w.path} (${allowed.join(', ')})`,
        close ? `did you mean "${close}"?` : undefined,
      );
    }
    return { path: `${root!.toLowerCase()}.${f.json}`, in: values };
  });
}

const COLUMN_TYPE: Readonly<Record<string, PrinterColumn['type']>> = {
  string: 'string', integer: 'integer', long: 'integer', float: 'number', double: 'number',
  boolean: 'boolean', timestamp: 'date', bigInteger: 'integer', bigDecimal: 'number', blob: 'string',
};

export function printerColumnsOf(rc: ResourceConfig, spec: readonly ResourceField[], status: readonly ResourceField[]): PrinterColumn[] {
  const indexed: { index: number; col: PrinterColumn }[] = [];
  const fieldColumns = (fields: readonly ResourceField[], root: string) => {
    for (const f of fields) {
      const fc = lookup(rc.fields, f.member);
      if (!fc?.print) continue;
      indexed.push({
        index: fc.print.index ?? Number.MAX_SAFE_INTEGER,
        col: {
          name: fc.print.name ?? names(f.member).camel,
          type: COLUMN_TYPE[f.type.kind] ?? 'string',
          jsonPath: `.${root}.${f.json}`,
          priority: fc.print.priority ?? 0,
        },
      });
    }
  };
  fieldColumns(spec, 'spec');
  fieldColumns(status, 'status');
  for (const c of rc.print?.additional_columns ?? []) {
    indexed.push({
      index: c.index ?? Number.MAX_SAFE_INTEGER,
      col: { name: c.name, type: (c.type as PrinterColumn['type']) ?? 'string', jsonPath: c.json_path, priority: c.priority ?? 0 },
    });
  }
  indexed.sort((a, b) => a.index - b.index || (a.col.name < b.col.name ? -1 : a.col.name > b.col.name ? 1 : 0));
  const columns = indexed.map((x) => x.col);
  if (rc.print?.add_synced_column !== false) {
    columns.push({ name: 'Synced', type: 'string', jsonPath: '.status.conditions[?(@.type=="ACK.ResourceSynced")].status', priority: 0 });
  }
  if (rc.print?.add_age_column !== false) {
    columns.push({ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', priority: 0 });
  }
  return columns;
}

/**
 * A ReadMany (Describe<R>s, List<R>s) reads one resource when its output holds the resources in its
 * one list-of-structures member and each item carries the resource's identifiers, so the runtime
 * can pick ours. Input members narrow the call to it: a list named for an identifier field
 * (`ResourceIds` ← [ResourceId], `repositoryNames` ← [repositoryName]) or a prefix of one
 * (`logGroupNamePrefix` ← logGroupName). Other same-named input members are filled as usual.
 */
export function readManyOf(
  op: OperationShape | undefined,
  types: ShapeTypes,
  fields: readonly Field[],
  primaryKey: readonly string[],
  arnMember?: string,
) {
  if (!op?.output) return {};
  const lists = types.members(op.output).filter((f) => f.type.kind === 'list' && f.type.item.kind === 'struct');
  if (lists.length !== 1) return {};
  const list = lists[0]!;
  const item = list.type.kind === 'list' && list.type.item.kind === 'struct' ? types.members(list.type.item.shape) : [];
  const inItem = (member: string) => item.some((m) => m.member === member);
  const fieldAt = (path: string) => fields.find((f) => path.endsWith(`.${f.json}`) && path.split('.').length === 2);
  const identifiable =
    primaryKey.length > 0 &&
    primaryKey.every((p) =>
      p === 'status.ackResourceMetadata.arn' ? arnMember !== undefined && inItem(arnMember) : inItem(fieldAt(p)?.member ?? '\0'),
    );
  if (!identifiable) return {};

  const field = (name: string) => fields.find((f) => f.member.toLowerCase() === name.toLowerCase());
  const filterMembers: Record<string, string> = {};
  for (const m of op.input ? types.members(op.input) : []) {
    // `ResourceIds` ← ResourceId; `ecrRepositoryPrefixes` ← ecrRepositoryPrefix (an -es plural).
    const listOf = m.type.kind === 'list' && m.member.endsWith('s') ? (field(m.member.slice(0, -1)) ?? field(singularize(m.member))) : undefined;
    const prefixOf = m.type.kind === 'string' && m.member.endsWith('Prefix') ? field(m.member.slice(0, -'Prefix'.length)) : undefined;
    const f = listOf ?? prefixOf;
    if (f && f.member !== m.member) filterMembers[m.member] = f.member;
  }
  return {
    readMany: {
      itemsMember: list.member,
      ...(Object.keys(filterMembers).length > 0 ? { filterMembers } : {}),
    },
  };
}
