import type { HookContext, ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/** IAM keeps at most five versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;

interface Version {
  readonly VersionId?: string;
  readonly IsDefaultVersion?: boolean;
  readonly CreateDate?: Date | string;
}

const arnOf = (v: ResourceView): string | undefined => {
  const meta = v.status.ackResourceMetadata as { arn?: unknown } | undefined;
  return typeof meta?.arn === 'string' ? meta.arn : undefined;
};

/** Non-default versions, oldest first: the ones to delete to make room, or before the policy goes. */
export function nonDefaultOldestFirst(versions: readonly Version[]): string[] {
  const time = (v: Version) => (v.CreateDate ? new Date(v.CreateDate).getTime() : 0);
  return [...versions].filter((v) => !v.IsDefaultVersion && v.VersionId).sort((a, b) => time(a) - time(b)).map((v) => v.VersionId!);
}

async function versions(ctx: HookContext, arn: string): Promise<Version[]> {
  return ((await ctx.call('ListPolicyVersions', { PolicyArn: arn })).Versions ?? []) as Version[];
}

export const policy: ResourceHooks = {
  /** GetPolicy does not report the document: read the default version's (URL-encoded; compared as JSON). */
  async afterReadOne(output: SdkObject, _desired: ResourceView, ctx: HookContext): Promise<SdkObject> {
    const p = output.Policy as SdkObject | undefined;
    if (!p || typeof p.Arn !== 'string' || typeof p.DefaultVersionId !== 'string') return output;
    const v = (await ctx.call('GetPolicyVersion', { PolicyArn: p.Arn, VersionId: p.DefaultVersionId })).PolicyVersion as SdkObject | undefined;
    const doc = typeof v?.Document === 'string' ? v.Document : undefined;
    return doc === undefined ? output : { ...output, Policy: { ...p, PolicyDocument: doc } };
  },

  /** A new version at IAM's limit: delete the oldest non-default version first, as ACK does. */
  async beforeUpdate(input: SdkObject, _delta, _desired, latest: ResourceView, ctx: HookContext): Promise<SdkObject> {
    const arn = arnOf(latest);
    if (!arn) return input;
    const all = await versions(ctx, arn);
    if (all.length >= MAX_POLICY_VERSIONS) {
      const oldest = nonDefaultOldestFirst(all)[0];
      if (oldest) await ctx.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: oldest });
    }
    return input;
  },

  /** DeletePolicy refuses a policy with versions besides the default: delete those first. */
  async beforeDelete(latest: ResourceView, ctx: HookContext): Promise<void> {
    const arn = arnOf(latest);
    if (!arn) return;
    for (const id of nonDefaultOldestFirst(await versions(ctx, arn))) await ctx.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: id });
  },
};
