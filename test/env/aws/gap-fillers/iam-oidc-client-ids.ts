import type { AwsCall } from "../aws-call";
import { iamOk, passThrough, withXmlMembers, xmlMembers } from "./iam-xml";
import type { GapFiller, GapFillerContext } from "./types";

/**
 * OpenID Connect provider client IDs: moto 5.2.5 has no AddClientIDToOpenIDConnectProvider or
 * RemoveClientIDFromOpenIDConnectProvider (../shared/reference/moto-coverage.md §8). Both are answered
 * here as IAM documents them (idempotent: adding a present ID or removing an absent one succeeds; an
 * unknown provider is NoSuchEntity), over the provider's list as moto last reported it, and the list
 * kept here is laid over moto's GetOpenIDConnectProvider until the provider is created again or deleted.
 */
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";

export function iamOidcClientIds(): GapFiller {
  const lists = new Map<string, string[]>();
  const arnOf = (call: AwsCall) => String(call.input.OpenIDConnectProviderArn ?? "");

  async function change(call: AwsCall, ctx: GapFillerContext, edit: (ids: string[], id: string) => string[]) {
    const arn = arnOf(call);
    const current = await ctx.moto("GetOpenIDConnectProvider", { OpenIDConnectProviderArn: arn });
    if (current.status !== 200) return passThrough(current);
    const ids = lists.get(arn) ?? xmlMembers(current.body, "ClientIDList") ?? [];
    lists.set(arn, edit(ids, String(call.input.ClientID ?? "")));
    return iamOk(call.operation);
  }

  return {
    service: "iam",
    gap: `moto 5.2.5 has no Add/RemoveClientIDToOpenIDConnectProvider; ${IAM_API}/API_AddClientIDToOpenIDConnectProvider.html, API_RemoveClientIDFromOpenIDConnectProvider.html`,
    operations: {
      AddClientIDToOpenIDConnectProvider: (call, ctx) => change(call, ctx, (ids, id) => (ids.includes(id) ? ids : [...ids, id])),
      RemoveClientIDFromOpenIDConnectProvider: (call, ctx) => change(call, ctx, (ids, id) => ids.filter((x) => x !== id)),
    },
    overlay(call, body) {
      if (call.operation === "DeleteOpenIDConnectProvider") lists.delete(arnOf(call));
      if (call.operation === "CreateOpenIDConnectProvider") {
        const created = /<OpenIDConnectProviderArn>([^<]+)</.exec(body)?.[1];
        if (created) lists.delete(created);
      }
      if (call.operation !== "GetOpenIDConnectProvider") return undefined;
      const ids = lists.get(arnOf(call));
      return ids ? withXmlMembers(body, "ClientIDList", ids) : undefined;
    },
  };
}
