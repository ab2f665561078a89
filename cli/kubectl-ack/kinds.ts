/** The kinds `kubectl ack logs` understands: where each keeps its AWS name, state and logs. Pure data. */

export const SAGEMAKER = { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1' } as const;

export type Outcome = 'succeeded' | 'failed';

export interface LogKind {
  readonly kind: string;
  readonly plural: string;
  /** Singular lowercase name, as typed on the command line. */
  readonly singular: string;
  /** Extra accepted spellings (kubectl short names). */
  readonly aliases: readonly string[];
  /** Spec field (JSON name) holding the AWS name. */
  readonly nameField: string;
  /** Status field (JSON name) with the AWS state, and the Describe call that returns it. */
  readonly statusField: string;
  readonly describe: { readonly operation: string; readonly nameMember: string; readonly statusMember: string };
  /** Final AWS states; follow mode stops on these. */
  readonly final: Readonly<Record<string, Outcome>>;
  /** What the logs belong to, for messages ("training job"). */
  readonly noun: string;
}

const JOB_FINAL = { Completed: 'succeeded', Failed: 'failed', Stopped: 'failed' } as const;

export const LOG_KINDS: readonly LogKind[] = [
  {
    kind: 'TrainingJob',
    plural: 'trainingjobs',
    singular: 'trainingjob',
    aliases: [],
    nameField: 'trainingJobName',
    statusField: 'trainingJobStatus',
    describe: { operation: 'DescribeTrainingJob', nameMember: 'TrainingJobName', statusMember: 'TrainingJobStatus' },
    final: JOB_FINAL,
    noun: 'training job',
  },
  {
    kind: 'ProcessingJob',
    plural: 'processingjobs',
    singular: 'processingjob',
    aliases: [],
    nameField: 'processingJobName',
    statusField: 'processingJobStatus',
    describe: { operation: 'DescribeProcessingJob', nameMember: 'ProcessingJobName', statusMember: 'ProcessingJobStatus' },
    final: JOB_FINAL,
    noun: 'processing job',
  },
  {
    kind: 'TransformJob',
    plural: 'transformjobs',
    singular: 'transformjob',
    aliases: [],
    nameField: 'transformJobName',
    statusField: 'transformJobStatus',
    describe: { operation: 'DescribeTransformJob', nameMember: 'TransformJobName', statusMember: 'TransformJobStatus' },
    final: JOB_FINAL,
    noun: 'transform job',
  },
  {
    kind: 'HyperParameterTuningJob',
    plural: 'hyperparametertuningjobs',
    singular: 'hyperparametertuningjob',
    aliases: ['hpo', 'tuningjob'],
    nameField: 'hyperParameterTuningJobName',
    statusField: 'hyperParameterTuningJobStatus',
    describe: {
      operation: 'DescribeHyperParameterTuningJob',
      nameMember: 'HyperParameterTuningJobName',
      statusMember: 'HyperParameterTuningJobStatus',
    },
    final: JOB_FINAL,
    noun: 'hyperparameter tuning job',
  },
  {
    kind: 'Endpoint',
    plural: 'endpoints',
    singular: 'endpoint',
    aliases: [],
    nameField: 'endpointName',
    statusField: 'endpointStatus',
    describe: { operation: 'DescribeEndpoint', nameMember: 'EndpointName', statusMember: 'EndpointStatus' },
    // An endpoint never finishes: follow runs until interrupted, or until it fails.
    final: { Failed: 'failed', UpdateRollbackFailed: 'failed' },
    noun: 'endpoint',
  },
];

/** Matches `trainingjob`, `trainingjobs`, `TrainingJob`, `trainingjobs.sagemaker.services.k8s.aws`… */
export function findLogKind(typed: string): LogKind | undefined {
  const t = typed.toLowerCase();
  const bare = t.endsWith(`.${SAGEMAKER.group}`) ? t.slice(0, -SAGEMAKER.group.length - 1) : t;
  return LOG_KINDS.find((k) => k.singular === bare || k.plural === bare || k.aliases.includes(bare));
}

/** Where SageMaker writes the logs of one AWS resource. */
export interface LogSource {
  readonly logGroup: string;
  /** Streams start with this (`<job>/`); undefined: every stream of the group. */
  readonly streamPrefix?: string;
}

/** TrainingJob logs also serve a tuning job: its training jobs log to the TrainingJobs group. */
export function logSource(kind: LogKind, awsName: string): LogSource {
  switch (kind.kind) {
    case 'TrainingJob':
    case 'HyperParameterTuningJob':
      return { logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: `${awsName}/` };
    case 'ProcessingJob':
      return { logGroup: '/aws/sagemaker/ProcessingJobs', streamPrefix: `${awsName}/` };
    case 'TransformJob':
      return { logGroup: '/aws/sagemaker/TransformJobs', streamPrefix: `${awsName}/` };
    default:
      return { logGroup: `/aws/sagemaker/Endpoints/${awsName}` };
  }
}

export function kindNames(): string {
  const names = LOG_KINDS.map((k) => k.singular);
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
