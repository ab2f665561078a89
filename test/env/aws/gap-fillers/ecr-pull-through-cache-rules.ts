import type { AwsCall } from "../aws-call";
import { defined, ECR_API, ecrError, ecrOk, nowSeconds, str, strings } from "./ecr-common";
import type { GapFiller, GapFillerContext } from "./types";

/**
 * ECR pull-through cache rules, which moto 5.2.5 lacks entirely (../shared/reference/moto-coverage.md §8:
 * "their Create/Describe/Update/Delete operations are missing"): the four operations ACK's
 * PullThroughCacheRule calls, as ECR's API reference documents them, over rules kept here.
 */
interface Rule {
  registryId: string;
  ecrRepositoryPrefix: string;
  upstreamRegistryUrl: string;
  upstreamRegistry?: string;
  upstreamRepositoryPrefix?: string;
  credentialArn?: string;
  customRoleArn?: string;
  createdAt: number;
  updatedAt?: number;
}

const NOT_FOUND = "PullThroughCacheRuleNotFoundException";

export function ecrPullThroughCacheRules(now: () => number = Date.now): GapFiller {
  const rules = new Map<string, Rule>();
  const registryOf = (call: AwsCall, ctx: GapFillerContext) => str(call, "registryId") ?? ctx.accountId;
  const keyOf = (registry: string, prefix: string) => `${registry}/${prefix}`;
  const missing = (prefix: string, registry: string) =>
    ecrError(NOT_FOUND, `The pull through cache rule with prefix '${prefix}' does not exist in the registry with id '${registry}'`);
  const described = (r: Rule) => defined({ ...r });

  return {
    service: "ecr",
    gap: `moto 5.2.5 has no pull-through cache rule operations; ${ECR_API}/API_CreatePullThroughCacheRule.html and siblings`,
    operations: {
      CreatePullThroughCacheRule: (call, ctx) => {
        const prefix = str(call, "ecrRepositoryPrefix");
        const url = str(call, "upstreamRegistryUrl");
        if (!prefix || !url) return ecrError("InvalidParameterException", "ecrRepositoryPrefix and upstreamRegistryUrl are required");
        const registryId = registryOf(call, ctx);
        if (rules.has(keyOf(registryId, prefix))) {
          return ecrError("PullThroughCacheRuleAlreadyExistsException", `A pull through cache rule with prefix '${prefix}' already exists in the registry with id '${registryId}'`);
        }
        const rule: Rule = defined({
          registryId,
          ecrRepositoryPrefix: prefix,
          upstreamRegistryUrl: url,
          upstreamRegistry: str(call, "upstreamRegistry"),
          upstreamRepositoryPrefix: str(call, "upstreamRepositoryPrefix"),
          credentialArn: str(call, "credentialArn"),
          customRoleArn: str(call, "customRoleArn"),
          createdAt: nowSeconds(now),
        }) as unknown as Rule;
        rules.set(keyOf(registryId, prefix), rule);
        return ecrOk(described(rule));
      },
      DescribePullThroughCacheRules: (call, ctx) => {
        const registryId = registryOf(call, ctx);
        const prefixes = strings(call, "ecrRepositoryPrefixes");
        if (prefixes && prefixes.length > 0) {
          const found: Rule[] = [];
          for (const p of prefixes) {
            const r = rules.get(keyOf(registryId, p));
            if (!r) return missing(p, registryId);
            found.push(r);
          }
          return ecrOk({ pullThroughCacheRules: found.map(described) });
        }
        return ecrOk({ pullThroughCacheRules: [...rules.values()].filter((r) => r.registryId === registryId).map(described) });
      },
      UpdatePullThroughCacheRule: (call, ctx) => {
        const registryId = registryOf(call, ctx);
        const prefix = str(call, "ecrRepositoryPrefix") ?? "";
        const r = rules.get(keyOf(registryId, prefix));
        if (!r) return missing(prefix, registryId);
        const updated: Rule = defined({ ...r, credentialArn: str(call, "credentialArn"), customRoleArn: str(call, "customRoleArn"), updatedAt: nowSeconds(now) }) as unknown as Rule;
        rules.set(keyOf(registryId, prefix), updated);
        return ecrOk(defined({ ecrRepositoryPrefix: prefix, registryId, updatedAt: updated.updatedAt, credentialArn: updated.credentialArn, customRoleArn: updated.customRoleArn, upstreamRepositoryPrefix: updated.upstreamRepositoryPrefix }));
      },
      DeletePullThroughCacheRule: (call, ctx) => {
        const registryId = registryOf(call, ctx);
        const prefix = str(call, "ecrRepositoryPrefix") ?? "";
        const r = rules.get(keyOf(registryId, prefix));
        if (!r) return missing(prefix, registryId);
        rules.delete(keyOf(registryId, prefix));
        const { updatedAt: _updated, upstreamRegistry: _upstream, ...deleted } = r;
        return ecrOk(defined(deleted));
      },
    },
  };
}
