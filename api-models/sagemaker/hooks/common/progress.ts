import type { ResourceEvent, ResourceView } from '../../../../runtime/descriptor';
import { stringAt } from './view';

/** Status words that mean something went wrong (SageMaker spells them in several cases). */
const WARNING = /fail|error|stopped|cancel|exceeded|rollback/i;

/**
 * A job's progress as Events, for kinds without TrainingJob's transition list: one Event each time
 * a status field (e.g. status.autoMLJobSecondaryStatus) takes a value it did not have in the status
 * stored before this read. The key is the field and value, so a value is reported once per object.
 */
export function statusChangeEvents(kind: string, paths: readonly string[]) {
  return (latest: ResourceView, previous: ResourceView): readonly ResourceEvent[] =>
    paths.flatMap((path) => {
      const now = stringAt(latest, path);
      if (now === undefined || now === stringAt(previous, path)) return [];
      const field = path.slice(path.lastIndexOf('.') + 1);
      return [{ type: WARNING.test(now) ? 'Warning' : 'Normal', reason: now, message: `${kind} ${field} is now ${now}`, key: `${field}/${now}` }];
    });
}
