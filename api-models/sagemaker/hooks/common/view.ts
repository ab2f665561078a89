import type { ResourceView } from '../../../../runtime/descriptor';
import { getPath, isObject } from '../../../../runtime/convert/paths';

/** A string under the view ("status.endpointStatus", "spec.resourceConfig.keepAlivePeriodInSeconds"). */
export function stringAt(view: Pick<ResourceView, 'spec' | 'status'>, path: string): string | undefined {
  const v = getPath(view, path);
  return typeof v === 'string' ? v : undefined;
}

export function has(view: Pick<ResourceView, 'spec' | 'status'>, path: string): boolean {
  const v = getPath(view, path);
  return v !== undefined && v !== null;
}

export function listAt(view: Pick<ResourceView, 'spec' | 'status'>, path: string): readonly Record<string, unknown>[] {
  const v = getPath(view, path);
  return Array.isArray(v) ? v.filter(isObject) : [];
}
