/** Minimal valid AWS SDK inputs, for tests that create resources in moto directly (no controller). */
import type { CreateTrainingJobRequest } from "@aws-sdk/client-sagemaker";

export const SDK_TEST_ROLE = "arn:aws:iam::123456789012:role/r";

export const trainingJobInput = (name: string, instanceCount = 1) =>
  ({
    TrainingJobName: name,
    AlgorithmSpecification: { TrainingImage: "img", TrainingInputMode: "File" },
    RoleArn: SDK_TEST_ROLE,
    OutputDataConfig: { S3OutputPath: "s3://bucket/out" },
    ResourceConfig: { InstanceType: "ml.m5.large", InstanceCount: instanceCount, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  }) satisfies CreateTrainingJobRequest;
