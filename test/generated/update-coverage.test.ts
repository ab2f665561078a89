import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FieldType, ResourceDescriptor, ServiceDescriptor, ShapeTable } from '../../runtime/descriptor';
import { resolveKind } from '../../runtime/kind-tagging';

/**
 * Every spec field the runtime compares is either create-only (a change is refused, never sent)
 * or carried by the kind's update operation, in every generated service: otherwise a change
 * would show as drift, be "updated" by a call that drops it, and be sent again on every resync.
 */
const GENERATED = resolve(__dirname, '../../generated');
const services = readdirSync(GENERATED, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(GENERATED, d.name, 'src', 'service.ts')))
  .map((d) => d.name)
  .sort();

const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/** Whether a value of type `a` reaches AWS whole through a member of type `b`. */
function carriesWhole(a: FieldType, b: FieldType, shapes: ShapeTable, seen = new Set<string>()): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b || (typeof a === 'string' && typeof b === 'string');
  if ('list' in a) return 'list' in b && carriesWhole(a.list, b.list, shapes, seen);
  if ('map' in a) return 'map' in b && carriesWhole(a.map, b.map, shapes, seen);
  if (!('struct' in b)) return false;
  if (a.struct === b.struct || seen.has(`${a.struct}>${b.struct}`)) return true;
  seen.add(`${a.struct}>${b.struct}`);
  const bm = shapes[b.struct] ?? [];
  return (shapes[a.struct] ?? []).every((m) => {
    const c = bm.find((x) => x.sdk === m.sdk);
    return c !== undefined && carriesWhole(m.type, c.type, shapes, seen);
  });
}

/** Compared spec paths that are neither create-only nor carried by the update operation. */
function uncovered(d: ResourceDescriptor, s: ServiceDescriptor): string[] {
  const { shapes } = s;
  const update = d.operations.update;
  // No update operation: the runtime refuses every change (UpdateNotSupported), nothing is sent.
  if (!update) return d.createOnly?.length ? [`${d.kind}: createOnly is set but there is no update operation`] : [];
  const settled = [...d.immutable, ...d.compareIgnored, ...(d.createOnly ?? [])];
  // Carried by other mechanisms: attributes packed into Set<R>Attributes' map, tags through the
  // tagging API, sub-resources by their own put operations, custom_sync fields by the update hook.
  const packed = new Set(d.attributes?.fields ?? []);
  // ACK custom_sync: the kind's update hook carries the field.
  const parts = new Set([...(d.subResources ?? []), ...(d.collections ?? [])].map((x) => x.field).concat(d.customSynced ?? []));
  const carriedElsewhere = (sdk: string, path: string) => packed.has(sdk) || parts.has(path) || (!!resolveKind(s, d).tagging && path === d.tags?.path);
  const out: string[] = [];
  const walk = (table: string, carrier: string | undefined, prefix: string, renames: Readonly<Record<string, string>>) => {
    for (const f of shapes[table] ?? []) {
      const path = prefix ? `${prefix}.${f.json}` : f.json;
      if (settled.some((p) => under(path, p)) || (!prefix && carriedElsewhere(f.sdk, path))) continue;
      const c = carrier ? (shapes[carrier] ?? []).find((m) => m.sdk === (renames[f.sdk] ?? f.sdk)) : undefined;
      if (!c) out.push(`${d.kind}: spec.${path} is compared, but ${update.name} cannot carry it and it is not create-only`);
      else if (typeof f.type === 'object' && 'struct' in f.type && typeof c.type === 'object' && 'struct' in c.type) {
        if (f.type.struct !== c.type.struct) walk(f.type.struct, c.type.struct, path, {});
      } else if (!carriesWhole(f.type, c.type, shapes)) {
        out.push(`${d.kind}: spec.${path} is compared, but ${update.name} carries only part of it and it is not create-only`);
      }
    }
  };
  walk(d.specShape, update.input, '', update.renames ?? {});
  return out;
}

test('every generated service is checked', () => {
  expect(services).toEqual(expect.arrayContaining(['application-auto-scaling', 'sagemaker']));
});

test.each(services)('%s: every compared spec field is create-only or carried by an update operation', (service) => {
  const { service: s } = require(join(GENERATED, service, 'src', 'service.ts')) as { service: ServiceDescriptor };
  expect(s.resources.length).toBeGreaterThan(0);
  expect(s.resources.flatMap((d) => uncovered(d, s))).toEqual([]);
});

test('the check catches a field the update drops (ModelPackage description, if it were not create-only)', () => {
  const { service: s } = require(join(GENERATED, 'sagemaker', 'src', 'service.ts')) as { service: ServiceDescriptor };
  const mp = s.resources.find((d) => d.kind === 'ModelPackage')!;
  expect(mp.createOnly).toContain('modelPackageDescription');
  const loose = { ...mp, createOnly: mp.createOnly!.filter((p) => p !== 'modelPackageDescription') };
  expect(uncovered(loose, s)).toEqual([
    'ModelPackage: spec.modelPackageDescription is compared, but UpdateModelPackage cannot carry it and it is not create-only',
  ]);
  const tj = s.resources.find((d) => d.kind === 'TrainingJob')!;
  const partial = { ...tj, createOnly: tj.createOnly!.filter((p) => p !== 'resourceConfig.instanceType') };
  expect(uncovered(partial, s)).toEqual([
    'TrainingJob: spec.resourceConfig.instanceType is compared, but UpdateTrainingJob cannot carry it and it is not create-only',
  ]);
});
