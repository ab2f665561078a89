import type { DeltaEntry, ResourceHooks } from '../../../runtime/descriptor';
import { canonicalJson } from './common/json';

/** pipelineDefinition is a JSON document in a string: SageMaker may reformat it without changing it. */
export function dropReformattedDefinition(delta: readonly DeltaEntry[]): readonly DeltaEntry[] {
  return delta.filter((e) => e.path !== 'pipelineDefinition' || !sameDocument(e.desired, e.latest));
}

function sameDocument(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

export const pipeline: ResourceHooks = { customizeDelta: (delta) => dropReformattedDefinition(delta) };
