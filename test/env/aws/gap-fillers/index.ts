import type { AwsCall } from "../aws-call";
import type { SyntheticResponse } from "../aws-errors";
import { dynamodbContributorInsights } from "./dynamodb-contributor-insights";
import { dynamodbGlobalTables } from "./dynamodb-global-tables";
import { ecrPullThroughCacheRules } from "./ecr-pull-through-cache-rules";
import { ecrRepositoryCreationTemplates } from "./ecr-repository-creation-templates";
import { iamInstanceProfileTags } from "./iam-instance-profile-tags";
import { iamOidcClientIds } from "./iam-oidc-client-ids";
import { iamUserPermissionsBoundary } from "./iam-user-permissions-boundary";
import { lambdaCodeSigningConfigs } from "./lambda-code-signing-configs";
import { lambdaProvisionedConcurrency } from "./lambda-provisioned-concurrency";
import { lambdaQualifiedPolicies } from "./lambda-qualified-policies";
import type { GapFiller, GapFillerContext, GapFillerFactory } from "./types";

export type { GapFiller, GapFillerContext, GapFillerFactory } from "./types";

/** Every gap filler the proxy runs. Add a factory here to fill another of moto's gaps. */
export const GAP_FILLERS: readonly GapFillerFactory[] = [
  dynamodbContributorInsights,
  dynamodbGlobalTables,
  ecrPullThroughCacheRules,
  ecrRepositoryCreationTemplates,
  iamInstanceProfileTags,
  iamOidcClientIds,
  iamUserPermissionsBoundary,
  lambdaCodeSigningConfigs,
  lambdaProvisionedConcurrency,
  lambdaQualifiedPolicies,
];

export function createGapFillers(factories: readonly GapFillerFactory[] = GAP_FILLERS): GapFiller[] {
  return factories.map((f) => f());
}

/**
 * moto's answer to an operation it does not implement: an HTML 500 page ("… has not been implemented"),
 * or, for a REST path it has no route for (Lambda's code signing configs), an HTML 404 page.
 */
export function motoLacks(reply: { status: number; body: string }): boolean {
  return (reply.status === 500 || reply.status === 404) && /^\s*<!doctype html/i.test(reply.body);
}

export interface MotoReply {
  status: number;
  body: string;
}

/**
 * The answer to a call after moto's: a filler's where moto does not know the operation, moto's with a
 * filler's overlay where it does, or undefined to keep moto's as it is.
 */
export async function fillGap(fillers: readonly GapFiller[], call: AwsCall, moto: MotoReply, ctx: GapFillerContext): Promise<SyntheticResponse | { overlaid: string } | undefined> {
  const ours = fillers.filter((f) => f.service === call.service);
  const lacks = motoLacks(moto);
  const answer = ours.find((f) => f.operations[call.operation] !== undefined && (lacks || f.owns?.(call) === true))?.operations[call.operation];
  if (answer) return answer(call, ctx);
  if (moto.status >= 300) return undefined;
  let body = moto.body;
  for (const f of ours) body = f.overlay?.(call, body) ?? body;
  return body === moto.body ? undefined : { overlaid: body };
}
