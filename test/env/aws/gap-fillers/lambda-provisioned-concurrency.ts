import type { AwsCall } from "../aws-call";
import { awsError, restJsonOk } from "../aws-errors";
import type { GapFiller } from "./types";

/**
 * Lambda provisioned concurrency, which moto 5.2.5 lacks (../shared/reference/moto-coverage.md §8: no route,
 * an HTML 404 with no error code, so a controller could not tell "not set" from a failure): Put (202), Get
 * (200, or 404 ProvisionedConcurrencyConfigNotFoundException when none is set) and Delete (204), as Lambda's
 * API reference documents them, per function and qualifier. The whole request is allocated at once (READY),
 * as moto makes every other Lambda change at once.
 */
const API = "https://docs.aws.amazon.com/lambda/latest/api";

const key = (call: AwsCall) => `${String(call.input.FunctionName ?? "")}:${String(call.input.Qualifier ?? "")}`;

export function lambdaProvisionedConcurrency(now: () => Date = () => new Date()): GapFiller {
  const configs = new Map<string, Record<string, unknown>>();
  const missing = () => awsError("restJson1", 404, "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found for this function");
  return {
    service: "lambda",
    gap: `moto 5.2.5 has no provisioned concurrency operations (HTML 404); ${API}/API_PutProvisionedConcurrencyConfig.html and siblings`,
    operations: {
      PutProvisionedConcurrencyConfig: (call) => {
        const n = call.input.ProvisionedConcurrentExecutions;
        if (typeof call.input.Qualifier !== "string" || call.input.Qualifier === "" || call.input.Qualifier === "$LATEST") {
          return awsError("restJson1", 400, "InvalidParameterValueException", "Provisioned concurrency needs a published version or an alias as the qualifier");
        }
        if (typeof n !== "number" || n < 1) return awsError("restJson1", 400, "InvalidParameterValueException", "ProvisionedConcurrentExecutions must be at least 1");
        const config = {
          RequestedProvisionedConcurrentExecutions: n,
          AvailableProvisionedConcurrentExecutions: n,
          AllocatedProvisionedConcurrentExecutions: n,
          Status: "READY",
          LastModified: now().toISOString().replace("Z", "+0000"),
        };
        configs.set(key(call), config);
        return restJsonOk(202, config);
      },
      GetProvisionedConcurrencyConfig: (call) => {
        const config = configs.get(key(call));
        return config ? restJsonOk(200, config) : missing();
      },
      DeleteProvisionedConcurrencyConfig: (call) => {
        configs.delete(key(call));
        return restJsonOk(204);
      },
    },
  };
}
