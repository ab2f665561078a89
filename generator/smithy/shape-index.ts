import { GeneratorError } from '../errors';
import { PRELUDE } from './prelude';
import { danglingTarget } from './targets';
import type { OperationShape, ServiceShape, Shape, ShapeId, ShapeIndex } from './types';

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

export class SmithyShapeIndex implements ShapeIndex {
  readonly namespace: string;
  private sorted?: readonly Shape[];
  private ops?: readonly OperationShape[];

  constructor(
    readonly file: string,
    readonly service: ServiceShape,
    private readonly byId: ReadonlyMap<ShapeId, Shape>,
  ) {
    this.namespace = service.id.slice(0, service.id.indexOf('#'));
  }

  get(id: ShapeId): Shape | undefined {
    return this.byId.get(id) ?? PRELUDE.get(id);
  }

  require(id: ShapeId, from?: ShapeId): Shape {
    const shape = this.get(id);
    if (shape) return shape;
    if (from !== undefined) throw danglingTarget(this.byId, this.file, from, id);
    throw new GeneratorError({ file: this.file, at: id }, `shape ${id} is not defined in the model`);
  }

  shapes(): readonly Shape[] {
    return (this.sorted ??= [...this.byId.values()].sort(byKey((s) => s.id)));
  }

  operations(): readonly OperationShape[] {
    return (this.ops ??= this.shapes()
      .filter((s): s is OperationShape => s.type === 'operation' && !s.traits.mixin)
      .sort(byKey((s) => `${s.name}\u0000${s.id}`)));
  }

  enumValues(id: ShapeId): string[] | undefined {
    const shape = this.get(id);
    if (!shape) return undefined;
    if (shape.type === 'enum' || shape.type === 'intEnum') {
      return shape.members.map((m) => String(m.traits.enumValue ?? m.name));
    }
    if (shape.type === 'string' && shape.traits.enum) return shape.traits.enum.map((e) => String(e.value));
    return undefined;
  }
}
