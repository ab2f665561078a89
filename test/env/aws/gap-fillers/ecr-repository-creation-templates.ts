import type { AwsCall } from "../aws-call";
import { defined, ECR_API, ecrError, ecrOk, nowSeconds, str, strings } from "./ecr-common";
import type { GapFiller, GapFillerContext } from "./types";

/**
 * ECR repository creation templates, which moto 5.2.5 lacks entirely (../shared/reference/moto-coverage.md
 * §8): the four operations ACK's RepositoryCreationTemplate calls, as ECR's API reference documents them
 * (AWS's defaults: MUTABLE tags, AES256 encryption), over templates kept here per registry.
 */
const SETTABLE = ["description", "encryptionConfiguration", "resourceTags", "imageTagMutability", "imageTagMutabilityExclusionFilters", "repositoryPolicy", "lifecyclePolicy", "appliedFor", "customRoleArn"] as const;
const NOT_FOUND = "TemplateNotFoundException";

type Template = Record<string, unknown> & { prefix: string };

export function ecrRepositoryCreationTemplates(now: () => number = Date.now): GapFiller {
  const templates = new Map<string, Map<string, Template>>();
  const registry = (ctx: GapFillerContext) => {
    let m = templates.get(ctx.accountId);
    if (!m) templates.set(ctx.accountId, (m = new Map()));
    return m;
  };
  const settable = (call: AwsCall) => defined(Object.fromEntries(SETTABLE.map((k) => [k, call.input[k]])));
  const missing = (prefix: string) => ecrError(NOT_FOUND, `The specified repository creation template with prefix '${prefix}' does not exist.`);

  return {
    service: "ecr",
    gap: `moto 5.2.5 has no repository creation template operations; ${ECR_API}/API_CreateRepositoryCreationTemplate.html and siblings`,
    operations: {
      CreateRepositoryCreationTemplate: (call, ctx) => {
        const prefix = str(call, "prefix");
        const appliedFor = strings(call, "appliedFor");
        if (!prefix || !appliedFor || appliedFor.length === 0) return ecrError("InvalidParameterException", "prefix and appliedFor are required");
        const m = registry(ctx);
        if (m.has(prefix)) return ecrError("TemplateAlreadyExistsException", `The repository creation template with prefix '${prefix}' already exists.`);
        const at = nowSeconds(now);
        const t: Template = { prefix, imageTagMutability: "MUTABLE", encryptionConfiguration: { encryptionType: "AES256" }, ...settable(call), createdAt: at, updatedAt: at };
        m.set(prefix, t);
        return ecrOk({ registryId: ctx.accountId, repositoryCreationTemplate: t });
      },
      DescribeRepositoryCreationTemplates: (call, ctx) => {
        const m = registry(ctx);
        const prefixes = strings(call, "prefixes");
        const found = prefixes && prefixes.length > 0 ? prefixes.flatMap((p) => (m.has(p) ? [m.get(p)!] : [])) : [...m.values()];
        return ecrOk({ registryId: ctx.accountId, repositoryCreationTemplates: found });
      },
      UpdateRepositoryCreationTemplate: (call, ctx) => {
        const prefix = str(call, "prefix") ?? "";
        const m = registry(ctx);
        const t = m.get(prefix);
        if (!t) return missing(prefix);
        const updated: Template = { ...t, ...settable(call), updatedAt: nowSeconds(now) };
        m.set(prefix, updated);
        return ecrOk({ registryId: ctx.accountId, repositoryCreationTemplate: updated });
      },
      DeleteRepositoryCreationTemplate: (call, ctx) => {
        const prefix = str(call, "prefix") ?? "";
        const m = registry(ctx);
        const t = m.get(prefix);
        if (!t) return missing(prefix);
        m.delete(prefix);
        return ecrOk({ registryId: ctx.accountId, repositoryCreationTemplate: t });
      },
    },
  };
}
