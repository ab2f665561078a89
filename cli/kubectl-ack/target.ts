import { isObject } from '../../runtime/convert/paths';
import type { KubeObject } from '../../runtime/k8s/types';
import { ANNOTATION } from '../../runtime/reconcile/annotations';
import { effectiveRegion } from '../../runtime/reconcile/policy';
import type { LogsArgs } from './args';
import { PluginError } from './errors';
import { logSource, type LogKind, type LogSource } from './kinds';

/** Pure: from the custom resource to what to read in AWS. */

export interface JobTarget {
  readonly kind: LogKind;
  readonly namespace: string;
  readonly resourceName: string;
  /** The AWS name of the resource (job or endpoint). */
  readonly awsName: string;
  /** Whose logs: awsName, or a tuning job's training job. */
  readonly logOwner: string;
  readonly region: string;
  readonly account?: string;
  readonly source: LogSource;
}

export interface TargetInputs {
  readonly args: LogsArgs;
  readonly namespace: string;
  readonly resource: KubeObject;
  readonly namespaceAnnotations: Readonly<Record<string, string>>;
  /** AWS_REGION / AWS_DEFAULT_REGION: the controller's --aws-region. */
  readonly defaultRegion: string | undefined;
}

export function resolveJobTarget(i: TargetInputs): JobTarget {
  const { args, resource } = i;
  const ref = `${args.kind.singular}/${args.name} in namespace ${i.namespace}`;
  const status = resource.status ?? {};
  const meta = isObject(status.ackResourceMetadata) ? status.ackResourceMetadata : {};
  const awsName = str(resource.spec?.[args.kind.nameField]);
  if (!awsName) throw new PluginError(`${ref} has no spec.${args.kind.nameField}`);
  if (!str(meta.arn)) throw new PluginError(`${ref} has not been created in AWS yet${whyNotCreated(status)}`);
  // The controller's rule: once created, the region recorded in status is where the resource lives.
  const region = effectiveRegion(meta.region, resource.metadata.annotations, i.namespaceAnnotations, i.defaultRegion);
  if (!region) throw new PluginError(`no AWS region for ${ref}: set AWS_REGION or the ${ANNOTATION.region} annotation`);
  const account = str(meta.ownerAccountID) ?? i.namespaceAnnotations[ANNOTATION.ownerAccountId];
  const logOwner = args.kind.kind === 'HyperParameterTuningJob' ? tuningJobTrainingJob(args, status, ref) : awsName;
  return {
    kind: args.kind,
    namespace: i.namespace,
    resourceName: args.name,
    awsName,
    logOwner,
    region,
    ...(account ? { account } : {}),
    source: logSource(args.kind, logOwner),
  };
}

function tuningJobTrainingJob(args: LogsArgs, status: Record<string, unknown>, ref: string): string {
  if (args.trainingJob) return args.trainingJob;
  for (const field of ['bestTrainingJob', 'overallBestTrainingJob']) {
    const best = status[field];
    const name = isObject(best) ? str(best.trainingJobName) : undefined;
    if (name) return name;
  }
  throw new PluginError(`${ref} has no best training job yet; name one with --training-job NAME`);
}

/** The controller's own explanation, when it has one (a terminal or recoverable condition). */
function whyNotCreated(status: Record<string, unknown>): string {
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
  const failing = conditions.find((c) => (c.type === 'ACK.Terminal' || c.type === 'ACK.Recoverable') && c.status === 'True');
  const message = failing ? str(failing.message) : undefined;
  return message ? `: ${message}` : ' (no status.ackResourceMetadata.arn; is the controller running?)';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
