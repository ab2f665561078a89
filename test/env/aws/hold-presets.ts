/** Ready-made holds for the in-progress states the SageMaker controllers wait on. Pure builders of HoldSpec. */
import type { HoldPhase, HoldSpec } from "./holds";

export interface Pace {
  /** Each phase is served to this many Describe calls... */
  describes?: number;
  /** ...and/or lasts this many seconds. Default: one Describe per phase. */
  seconds?: number;
}

function pace(p: Pace | undefined): Pick<HoldPhase, "describes" | "seconds"> {
  if (!p || (p.describes === undefined && p.seconds === undefined)) return { describes: 1 };
  return { ...(p.describes !== undefined ? { describes: p.describes } : {}), ...(p.seconds !== undefined ? { seconds: p.seconds } : {}) };
}

/** StatusMessage AWS shows for each training secondary status (SecondaryStatusTransition docs). */
export const SECONDARY_STATUS_MESSAGES: Record<string, string> = {
  Starting: "Preparing the instances for training",
  Pending: "Preparing the instances for training",
  Downloading: "Downloading input data",
  Training: "Training image download completed. Training in progress.",
  Uploading: "Uploading generated training model",
  Stopping: "Stopping the training job",
  Stopped: "The training job was stopped",
  Completed: "Training job completed",
};

export const DEFAULT_SECONDARY = ["Starting", "Downloading", "Training", "Uploading"];

/** TrainingJob InProgress, walking the given secondary statuses; output fields AWS sets at the end are hidden. */
export function trainingJobInProgress(name: string, opts: Pace & { secondary?: string[]; after?: string } = {}): HoldSpec {
  const secondary = opts.secondary ?? DEFAULT_SECONDARY;
  return {
    service: "sagemaker",
    operation: "DescribeTrainingJob",
    resource: name,
    ...(opts.after ? { after: opts.after } : {}),
    phases: secondary.map((s) => ({
      set: { TrainingJobStatus: "InProgress", SecondaryStatus: s, TrainingEndTime: null, ModelArtifacts: null, FinalMetricDataList: null },
      ...(SECONDARY_STATUS_MESSAGES[s] ? { statusMessage: SECONDARY_STATUS_MESSAGES[s] } : {}),
      ...pace(opts),
    })),
  };
}

const STATUS_FIELDS: Record<string, { operation: string; field: string; endField?: string }> = {
  TrainingJob: { operation: "DescribeTrainingJob", field: "TrainingJobStatus", endField: "TrainingEndTime" },
  ProcessingJob: { operation: "DescribeProcessingJob", field: "ProcessingJobStatus", endField: "ProcessingEndTime" },
  TransformJob: { operation: "DescribeTransformJob", field: "TransformJobStatus", endField: "TransformEndTime" },
  HyperParameterTuningJob: { operation: "DescribeHyperParameterTuningJob", field: "HyperParameterTuningJobStatus", endField: "HyperParameterTuningEndTime" },
  Endpoint: { operation: "DescribeEndpoint", field: "EndpointStatus" },
  NotebookInstance: { operation: "DescribeNotebookInstance", field: "NotebookInstanceStatus" },
  Domain: { operation: "DescribeDomain", field: "Status" },
  PipelineExecution: { operation: "DescribePipelineExecution", field: "PipelineExecutionStatus" },
  FeatureGroup: { operation: "DescribeFeatureGroup", field: "FeatureGroupStatus" },
  ModelPackage: { operation: "DescribeModelPackage", field: "ModelPackageStatus" },
  ModelPackageGroup: { operation: "DescribeModelPackageGroup", field: "ModelPackageGroupStatus" },
};

export type HeldKind = keyof typeof STATUS_FIELDS;

/**
 * A kind held in the given statuses, one phase each, e.g. statusHold("Endpoint", "ep", ["Creating"], { seconds: 5 })
 * or statusHold("Endpoint", "ep", ["Updating"], { describes: 3, after: "UpdateEndpoint" }).
 */
export function statusHold(kind: HeldKind, name: string, statuses: string[], opts: Pace & { after?: string } = {}): HoldSpec {
  const f = STATUS_FIELDS[kind];
  if (!f) throw new Error(`statusHold: no status field known for ${kind}`);
  return {
    service: "sagemaker",
    operation: f.operation,
    resource: name,
    ...(opts.after ? { after: opts.after } : {}),
    phases: statuses.map((s) => ({ set: { [f.field]: s, ...(f.endField ? { [f.endField]: null } : {}) }, ...pace(opts) })),
  };
}
