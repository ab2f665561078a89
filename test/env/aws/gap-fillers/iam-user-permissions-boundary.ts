import type { AwsCall } from "../aws-call";
import { escapeXml, iamOk, passThrough } from "./iam-xml";
import type { GapFiller, GapFillerContext } from "./types";

/**
 * A user's permissions boundary: moto 5.2.5 has no PutUserPermissionsBoundary or
 * DeleteUserPermissionsBoundary, and its CreateUser drops `PermissionsBoundary`. The boundary is kept
 * here per user name (an unknown user is moto's NoSuchEntity, from its GetUser) and laid over moto's
 * GetUser as IAM reports it (`User.PermissionsBoundary {PermissionsBoundaryType, PermissionsBoundaryArn}`),
 * until it is deleted or the user is deleted or created again.
 */
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";

export function iamUserPermissionsBoundary(): GapFiller {
  const boundaries = new Map<string, string>();
  const userOf = (call: AwsCall) => String(call.input.UserName ?? "");

  async function change(call: AwsCall, ctx: GapFillerContext, boundary: string | undefined) {
    const user = userOf(call);
    const current = await ctx.moto("GetUser", { UserName: user });
    if (current.status !== 200) return passThrough(current);
    if (boundary === undefined) boundaries.delete(user);
    else boundaries.set(user, boundary);
    return iamOk(call.operation);
  }

  return {
    service: "iam",
    gap: `moto 5.2.5 has no Put/DeleteUserPermissionsBoundary and drops CreateUser's PermissionsBoundary; ${IAM_API}/API_PutUserPermissionsBoundary.html, API_DeleteUserPermissionsBoundary.html, API_CreateUser.html`,
    operations: {
      PutUserPermissionsBoundary: (call, ctx) => change(call, ctx, String(call.input.PermissionsBoundary ?? "")),
      DeleteUserPermissionsBoundary: (call, ctx) => change(call, ctx, undefined),
    },
    overlay(call, body) {
      const user = userOf(call);
      if (call.operation === "DeleteUser") boundaries.delete(user);
      if (call.operation === "CreateUser") {
        const given = call.input.PermissionsBoundary;
        if (typeof given === "string" && given !== "") boundaries.set(user, given);
        else boundaries.delete(user);
      }
      if (call.operation !== "GetUser" && call.operation !== "CreateUser") return undefined;
      const arn = boundaries.get(user);
      return arn === undefined ? undefined : withUserBoundary(body, arn);
    },
  };
}

/** IAM's XML `<User>` with `PermissionsBoundary` naming `arn` (replacing one already there). */
export function withUserBoundary(xml: string, arn: string): string {
  const element = `<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>${escapeXml(arn)}</PermissionsBoundaryArn></PermissionsBoundary>`;
  const cleared = xml.replace(/<PermissionsBoundary>.*?<\/PermissionsBoundary>/s, "");
  return cleared.includes("</User>") ? cleared.replace("</User>", `${element}</User>`) : xml;
}
