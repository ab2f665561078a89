import type { ResourceHooks } from '../../../../runtime/descriptor';
import { terminal } from './requeue';

/**
 * Kinds SageMaker cannot update (ACK: "not implemented"). The message keeps ACK's words and says
 * what to do instead.
 */
export function immutableKind(kind: string, instead: string): Pick<ResourceHooks, 'checkUpdate'> {
  return {
    checkUpdate: (delta) =>
      terminal('UpdateNotSupported', `not implemented: a ${kind} cannot be changed in SageMaker; ${instead} (changed: ${delta.map((e) => `spec.${e.path}`).join(', ')})`),
  };
}
