import { iamOk, passThrough } from "./iam-xml";
import type { GapFiller } from "./types";

/**
 * ListInstanceProfileTags: moto 5.2.5 has TagInstanceProfile and UntagInstanceProfile but no
 * ListInstanceProfileTags (an HTML 500), while its GetInstanceProfile reports the profile's tags. Answered
 * here from those, as IAM documents the operation (one page; an unknown profile is NoSuchEntity).
 */
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";

/** The instance profile's own `<Tags>` in a GetInstanceProfile answer (its roles carry theirs too). */
export function profileTags(getInstanceProfileXml: string): string {
  const withoutRoles = getInstanceProfileXml.replace(/<Roles>.*?<\/Roles>/s, "");
  return /<Tags>.*?<\/Tags>|<Tags\/>/s.exec(withoutRoles)?.[0] ?? "<Tags/>";
}

export function iamInstanceProfileTags(): GapFiller {
  return {
    service: "iam",
    gap: `moto 5.2.5 has no ListInstanceProfileTags; ${IAM_API}/API_ListInstanceProfileTags.html`,
    operations: {
      ListInstanceProfileTags: async (call, ctx) => {
        const profile = await ctx.moto("GetInstanceProfile", { InstanceProfileName: call.input.InstanceProfileName });
        if (profile.status !== 200) return passThrough(profile);
        return iamOk(call.operation, `${profileTags(profile.body)}<IsTruncated>false</IsTruncated>`);
      },
    },
  };
}
