/**
 * Who made a call: the proxy learns each AssumeRole's temporary access key from moto's answer, so a
 * later call signed with that key is recorded with the role and its account. moto does the same
 * mapping (its STS files the key under the role's account), so that account is where moto puts
 * what the call creates. Pure.
 */

/** Access key ID → assumed role ARN, learned from AssumeRole answers. */
export type AssumedKeys = Map<string, string>;

export interface Principal {
  assumedRole?: string;
  account?: string;
}

/** The AccessKeyId of an STS AssumeRole (or AssumeRoleWithWebIdentity) answer in XML, if any. */
export function accessKeyOfAssumeRoleAnswer(xml: string): string | undefined {
  return /<Credentials>[\s\S]*?<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml)?.[1];
}

/** Remembers the key an AssumeRole answer handed out for the role it names. */
export function learnAssumedKey(keys: AssumedKeys, call: { service: string; operation: string; input: Record<string, unknown> }, status: number, body: string): void {
  if (call.service !== "sts" || !/^AssumeRole/.test(call.operation) || status !== 200) return;
  const role = call.input.RoleArn;
  const key = accessKeyOfAssumeRoleAnswer(body);
  if (typeof role === "string" && key) keys.set(key, role);
}

/** The role and account behind a signing key; empty for keys that are not an assumed role's. */
export function principalOf(keys: AssumedKeys, accessKeyId: string | undefined): Principal {
  const role = accessKeyId ? keys.get(accessKeyId) : undefined;
  if (!role) return {};
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(role)?.[1];
  return { assumedRole: role, ...(account ? { account } : {}) };
}
