import { decideStop, decideUpdateEndpoint, endpointAfterUpdate, stopCorrectionFor, STOP_CORRECTIONS, variantsAfterUpdate } from "./corrections";

describe("stop corrections", () => {
  const training = stopCorrectionFor("StopTrainingJob")!;

  it("cite the AWS documentation", () => {
    for (const c of STOP_CORRECTIONS) expect(c.reference).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/sagemaker\/.*API_Stop/);
  });

  it("accept a stop of a running job, and of a stopping one", () => {
    expect(decideStop(training, { TrainingJobStatus: "InProgress" }, "tj")).toEqual({ accept: true });
    expect(decideStop(training, { TrainingJobStatus: "Stopping" }, "tj")).toEqual({ accept: true });
    expect(decideStop(stopCorrectionFor("StopPipelineExecution")!, { PipelineExecutionStatus: "Executing" }, "arn")).toEqual({ accept: true });
  });

  it("reject a stop of a finished job the way AWS does", () => {
    expect(decideStop(training, { TrainingJobStatus: "Completed" }, "tj")).toEqual({
      accept: false,
      code: "ValidationException",
      message: "The request was rejected because the TrainingJob tj is in status Completed.",
    });
  });
});

describe("UpdateEndpoint correction", () => {
  it("accepts only an InService endpoint", () => {
    expect(decideUpdateEndpoint({ EndpointStatus: "InService" })).toEqual({ accept: true });
    expect(decideUpdateEndpoint({ EndpointStatus: "Updating", EndpointArn: "arn:e" })).toMatchObject({ accept: false, code: "ValidationException" });
  });

  const current = [{ VariantName: "v1", CurrentInstanceCount: 2, DesiredInstanceCount: 2, CurrentWeight: 1, DesiredWeight: 1 }];
  const config = [
    { VariantName: "v1", InitialInstanceCount: 1, InitialVariantWeight: 0.5 },
    { VariantName: "v2", InitialInstanceCount: 3 },
  ];

  it("retains the properties of existing variants with RetainAllVariantProperties", () => {
    expect(variantsAfterUpdate(current, config, true)).toEqual([
      current[0],
      { VariantName: "v2", CurrentInstanceCount: 3, DesiredInstanceCount: 3, CurrentWeight: 1, DesiredWeight: 1 },
    ]);
  });

  it("takes the new config's initial values without it", () => {
    expect(variantsAfterUpdate(current, config, false)[0]).toEqual({ VariantName: "v1", CurrentInstanceCount: 1, DesiredInstanceCount: 1, CurrentWeight: 0.5, DesiredWeight: 0.5 });
  });

  it("overlays the new config name and modification time", () => {
    const overlay = endpointAfterUpdate({ ProductionVariants: current }, { ProductionVariants: config }, { EndpointConfigName: "cfg2", RetainAllVariantProperties: true }, 42);
    expect(overlay).toMatchObject({ EndpointConfigName: "cfg2", LastModifiedTime: 42 });
  });
});
