import { GeneratorError } from '../errors';
import type { FieldConfig, ResourceConfig } from '../config/types';
import type { OperationShape, ShapeIndex } from '../smithy/types';
import { closestNames } from '../smithy/suggest';
import { names } from '../names';
import { lookup } from './config-lookup';
import type { ShapeTypes } from './shape-types';
import type { ErrorMatcher, Field, PrinterColumn, ResourceField, SyncedRule } from './types';

/** A kind's rules from its config and model: identifiers, not-found, synced, printer columns, ReadMany picking. */

export function primaryKeyOf(
  name: string,
  spec: readonly ResourceField[],
  status: readonly ResourceField[],
  fieldConfigs: Readonly<Record<string, FieldConfig>>,
  rc: ResourceConfig,
): string[] {
  const isKey = (f: Field) => lookup(fieldConfigs, f.member)?.is_primary_key === true;
  const marked = [...spec.filter(isKey).map((f) => `spec.${f.json}`), ...status.filter(isKey).map((f) => `status.${f.json}`)];
  if (marked.length > 0) return marked;
  if (rc.is_arn_primary_key) return ['status.ackResourceMetadata.arn'];
  const candidates = ['name', `${name}name`, `${name}id`].map((c) => c.toLowerCase());
  const byName = spec.find((f) => candidates.includes(f.member.toLowerCase()));
  if (byName) return [`spec.${byName.json}`];
  return ['status.ackResourceMetadata.arn'];
}

export function notFoundOf(rc: ResourceConfig, index: ShapeIndex, reads: readonly (OperationShape | undefined)[]): ErrorMatcher[] {
  const configured = rc.exceptions?.errors?.['404'];
  if (configured) {
    return [
      {
        code: configured.code,
        ...(configured.message_prefix ? { messagePrefix: configured.message_prefix } : {}),
        ...(configured.message_suffix ? { messageSuffix: configured.message_suffix } : {}),
      },
    ];
  }
  for (const op of reads) {
    for (const e of op?.errors ?? []) {
      const s = index.get(e);
      if (s?.traits.httpError === 404) return [{ code: s.traits.awsQueryErrorCode ?? s.name }];
    }
  }
  return [];
}

export function syncedOf(
  rc: ResourceConfig,
  spec: readonly Field[],
  status: readonly Field[],
  at: (p: string) => { file: string; at: string },
): SyncedRule[] {
  return (rc.synced?.when ?? []).map((w, i) => {
    const [root, ...rest] = w.path.split('.');
    const fields = root?.toLowerCase() === 'spec' ? spec : root?.toLowerCase() === 'status' ? status : undefined;
    const f = fields?.find((x) => x.member.toLowerCase() === rest.join('.').toLowerCase());
    if (!fields || !f) {
      throw new GeneratorError(at(`synced.when[${i}].path`), `"${w.path}" names no Spec.<Field> or Status.<Field>`);
    }
    const allowed = f.type.kind === 'string' || f.type.kind === 'integer' ? f.type.enum : undefined;
    const values = w.in.map(String);
    const unknown = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
    if (allowed && unknown !== undefined) {
      const close = closestNames(unknown, allowed, 1)[0];
      throw new GeneratorError(
        at(`synced.when[${i}].in`),
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
 * A ReadMany output holds the resource in its one list-of-structures member; its
 * input narrows the list with members like ResourceIds or PolicyNames, which we
 * fill with the resource's own ResourceId or PolicyName.
 */
export function readManyOf(op: OperationShape | undefined, types: ShapeTypes, fields: readonly Field[]) {
  if (!op?.output) return {};
  const lists = types.members(op.output).filter((f) => f.type.kind === 'list' && f.type.item.kind === 'struct');
  if (lists.length !== 1) return {};
  const filterMembers: Record<string, string> = {};
  for (const m of op.input ? types.members(op.input) : []) {
    if (m.type.kind !== 'list' || !m.member.endsWith('s')) continue;
    const single = m.member.slice(0, -1);
    if (fields.some((f) => f.member === single)) filterMembers[m.member] = single;
  }
  return {
    readMany: {
      itemsMember: lists[0]!.member,
      ...(Object.keys(filterMembers).length > 0 ? { filterMembers } : {}),
    },
  };
}
