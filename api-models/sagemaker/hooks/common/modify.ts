import type { RequeueRequest, ResourceView } from '../../../../runtime/descriptor';
import { requeue } from './requeue';
import type { StatusRule } from './status';
import { stringAt } from './view';

/** ACK's requeueUntilCanModify: while AWS is changing the resource, neither update nor delete it. */
export function requeueUntilCanModify(rule: StatusRule, latest: ResourceView): RequeueRequest | undefined {
  const status = stringAt(latest, rule.path);
  return status !== undefined && rule.modifying.includes(status)
    ? requeue(`${rule.kind} in ${status} state cannot be modified or deleted.`)
    : undefined;
}
