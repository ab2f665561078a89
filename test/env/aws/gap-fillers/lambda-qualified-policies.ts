import type { AwsCall } from "../aws-call";
import type { GapFiller } from "./types";

/**
 * Lambda resource policies per qualifier. moto 5.2.5 keeps one policy per function: a statement added with
 * AddPermission on an alias (Qualifier=live) is reported by GetPolicy for every alias, version and the
 * unqualified function, so a controller keeping one alias's permissions would see (and remove) another's.
 * AWS keeps a policy per qualifier (https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html:
 * "Qualifier – Specify a version or alias to get the policy for that resource"). moto does record the
 * qualified ARN as each statement's Resource, so a qualified GetPolicy is corrected by keeping the statements
 * whose Resource is that qualifier's ARN. Where none remain AWS answers 404; an overlay keeps moto's 200, so
 * the policy is reported with no statements (which a reader treats the same). Not corrected: RemovePermission
 * ignores the Qualifier (moto removes the Sid from the shared policy) and AddPermission accepts a Sid already
 * used (AWS: ResourceConflictException).
 */
export function lambdaQualifiedPolicies(): GapFiller {
  return {
    service: "lambda",
    gap: "moto 5.2.5 keeps one resource policy per function, whatever the Qualifier; https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html",
    operations: {},
    overlay: (call: AwsCall, body: string) => qualifiedPolicy(call, body),
  };
}

/** moto's GetPolicy answer with only the statements of the call's qualifier; undefined when nothing changes. */
export function qualifiedPolicy(call: AwsCall, body: string): string | undefined {
  const qualifier = call.input.Qualifier;
  if (call.operation !== "GetPolicy" || typeof qualifier !== "string" || qualifier === "" || qualifier === "$LATEST") return undefined;
  let reply: { Policy?: unknown };
  let policy: { Statement?: unknown };
  try {
    reply = JSON.parse(body) as { Policy?: unknown };
    policy = JSON.parse(typeof reply.Policy === "string" ? reply.Policy : "") as { Statement?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(policy.Statement)) return undefined;
  const statements = policy.Statement as Array<{ Resource?: unknown }>;
  const own = statements.filter((s) => typeof s.Resource === "string" && s.Resource.endsWith(`:${qualifier}`));
  if (own.length === statements.length) return undefined;
  return JSON.stringify({ ...reply, Policy: JSON.stringify({ ...policy, Statement: own }) });
}
