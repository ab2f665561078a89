import type { AwsCall } from "../aws-call";
import { createGapFillers, fillGap, motoLacks, type GapFillerContext } from ".";
import { ecrPullThroughCacheRules } from "./ecr-pull-through-cache-rules";
import { ecrRepositoryCreationTemplates } from "./ecr-repository-creation-templates";
import { iamInstanceProfileTags, profileTags } from "./iam-instance-profile-tags";
import { iamOidcClientIds } from "./iam-oidc-client-ids";
import { iamUserPermissionsBoundary, withUserBoundary } from "./iam-user-permissions-boundary";
import { withXmlMembers, xmlMembers } from "./iam-xml";

const HTML_500 = { status: 500, body: "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>" };
const ecr = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: "ecr", operation, protocol: "awsJson1_1", input });
const iam = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: "iam", operation, protocol: "awsQuery", input: { Action: operation, Version: "2010-05-08", ...input } });
const ctx = (answers: Record<string, { status: number; body: string }> = {}, calls: string[] = []): GapFillerContext => ({
  region: "us-east-1",
  accountId: "123456789012",
  moto: async (operation, input) => {
    calls.push(`${operation} ${JSON.stringify(input)}`);
    return answers[operation] ?? HTML_500;
  },
});
const json = async (r: unknown) => {
  const s = await r as { status: number; body: string; headers: Record<string, string> };
  return { status: s.status, code: s.headers["x-amzn-errortype"], body: JSON.parse(s.body) as Record<string, any> };
};

describe("gap fillers: the hook point", () => {
  it("answers only where moto does not know the operation (its HTML 500), else leaves moto's answer", async () => {
    const fillers = createGapFillers();
    const call = ecr("DescribeRepositoryCreationTemplates", {});
    expect(motoLacks(HTML_500)).toBe(true);
    expect(motoLacks({ status: 500, body: '{"__type":"ServerException"}' })).toBe(false);
    expect(await fillGap(fillers, call, HTML_500, ctx())).toMatchObject({ status: 200 });
    expect(await fillGap(fillers, call, { status: 200, body: '{"repositoryCreationTemplates":[]}' }, ctx())).toBeUndefined();
    expect(await fillGap(fillers, ecr("DescribeRepositories", {}), HTML_500, ctx())).toBeUndefined();
    expect(await fillGap(fillers, { ...call, service: "sagemaker" }, HTML_500, ctx())).toBeUndefined();
  });

  it("each proxy (and each reset) gets fillers with fresh state", async () => {
    const [a] = createGapFillers([ecrPullThroughCacheRules]);
    await a!.operations.CreatePullThroughCacheRule!(ecr("CreatePullThroughCacheRule", { ecrRepositoryPrefix: "hub", upstreamRegistryUrl: "registry-1.docker.io" }), ctx());
    const [b] = createGapFillers([ecrPullThroughCacheRules]);
    expect((await json(b!.operations.DescribePullThroughCacheRules!(ecr("DescribePullThroughCacheRules", {}), ctx()))).body).toEqual({ pullThroughCacheRules: [] });
  });
});

describe("ECR pull-through cache rules (moto lacks them)", () => {
  it("create, describe by prefix, update the credential and role, delete; as ECR documents them", async () => {
    const f = ecrPullThroughCacheRules(() => 1_700_000_000_000);
    const c = ctx();
    const created = await json(f.operations.CreatePullThroughCacheRule!(ecr("CreatePullThroughCacheRule", { ecrRepositoryPrefix: "hub", upstreamRegistryUrl: "registry-1.docker.io", upstreamRegistry: "docker-hub", credentialArn: "arn:s" }), c));
    expect(created.body).toEqual({ registryId: "123456789012", ecrRepositoryPrefix: "hub", upstreamRegistryUrl: "registry-1.docker.io", upstreamRegistry: "docker-hub", credentialArn: "arn:s", createdAt: 1_700_000_000 });
    expect((await json(f.operations.CreatePullThroughCacheRule!(ecr("CreatePullThroughCacheRule", { ecrRepositoryPrefix: "hub", upstreamRegistryUrl: "x" }), c))).code).toBe("PullThroughCacheRuleAlreadyExistsException");
    const updated = await json(f.operations.UpdatePullThroughCacheRule!(ecr("UpdatePullThroughCacheRule", { ecrRepositoryPrefix: "hub", credentialArn: "arn:t", customRoleArn: "arn:r" }), c));
    expect(updated.body).toMatchObject({ ecrRepositoryPrefix: "hub", credentialArn: "arn:t", customRoleArn: "arn:r", updatedAt: 1_700_000_000 });
    const described = await json(f.operations.DescribePullThroughCacheRules!(ecr("DescribePullThroughCacheRules", { ecrRepositoryPrefixes: ["hub"] }), c));
    expect(described.body.pullThroughCacheRules).toEqual([expect.objectContaining({ ecrRepositoryPrefix: "hub", credentialArn: "arn:t", upstreamRegistry: "docker-hub" })]);
    expect((await json(f.operations.DeletePullThroughCacheRule!(ecr("DeletePullThroughCacheRule", { ecrRepositoryPrefix: "hub" }), c))).body).toMatchObject({ ecrRepositoryPrefix: "hub" });
    for (const op of ["DeletePullThroughCacheRule", "UpdatePullThroughCacheRule"]) {
      expect((await json(f.operations[op]!(ecr(op, { ecrRepositoryPrefix: "hub" }), c))).code).toBe("PullThroughCacheRuleNotFoundException");
    }
    expect((await json(f.operations.DescribePullThroughCacheRules!(ecr("DescribePullThroughCacheRules", { ecrRepositoryPrefixes: ["hub"] }), c))).code).toBe("PullThroughCacheRuleNotFoundException");
  });
});

describe("ECR repository creation templates (moto lacks them)", () => {
  it("create with AWS's defaults, update what is given, describe by prefix (absent: not listed), delete", async () => {
    const f = ecrRepositoryCreationTemplates(() => 1_700_000_000_000);
    const c = ctx();
    const created = await json(f.operations.CreateRepositoryCreationTemplate!(ecr("CreateRepositoryCreationTemplate", { prefix: "ml", appliedFor: ["PULL_THROUGH_CACHE"], description: "d" }), c));
    expect(created.body).toEqual({
      registryId: "123456789012",
      repositoryCreationTemplate: { prefix: "ml", appliedFor: ["PULL_THROUGH_CACHE"], description: "d", imageTagMutability: "MUTABLE", encryptionConfiguration: { encryptionType: "AES256" }, createdAt: 1_700_000_000, updatedAt: 1_700_000_000 },
    });
    expect((await json(f.operations.CreateRepositoryCreationTemplate!(ecr("CreateRepositoryCreationTemplate", { prefix: "ml", appliedFor: ["REPLICATION"] }), c))).code).toBe("TemplateAlreadyExistsException");
    expect((await json(f.operations.CreateRepositoryCreationTemplate!(ecr("CreateRepositoryCreationTemplate", { prefix: "x" }), c))).code).toBe("InvalidParameterException");
    await f.operations.UpdateRepositoryCreationTemplate!(ecr("UpdateRepositoryCreationTemplate", { prefix: "ml", description: "e", imageTagMutability: "IMMUTABLE" }), c);
    const listed = await json(f.operations.DescribeRepositoryCreationTemplates!(ecr("DescribeRepositoryCreationTemplates", { prefixes: ["ml", "absent"] }), c));
    expect(listed.body.repositoryCreationTemplates).toEqual([expect.objectContaining({ prefix: "ml", description: "e", imageTagMutability: "IMMUTABLE", appliedFor: ["PULL_THROUGH_CACHE"] })]);
    expect((await json(f.operations.DeleteRepositoryCreationTemplate!(ecr("DeleteRepositoryCreationTemplate", { prefix: "ml" }), c))).status).toBe(200);
    expect((await json(f.operations.DeleteRepositoryCreationTemplate!(ecr("DeleteRepositoryCreationTemplate", { prefix: "ml" }), c))).code).toBe("TemplateNotFoundException");
  });
});

const PROVIDER_XML = (ids: string) =>
  `<GetOpenIDConnectProviderResponse><GetOpenIDConnectProviderResult><Url>example.com</Url>${ids}<ThumbprintList><member>aa</member></ThumbprintList></GetOpenIDConnectProviderResult></GetOpenIDConnectProviderResponse>`;

describe("IAM OIDC client IDs (moto lacks Add/RemoveClientIDToOpenIDConnectProvider)", () => {
  const arn = "arn:aws:iam::123456789012:oidc-provider/example.com";

  it("adds and removes over moto's list (idempotently) and lays the result over GetOpenIDConnectProvider", async () => {
    const f = iamOidcClientIds();
    const calls: string[] = [];
    const c = ctx({ GetOpenIDConnectProvider: { status: 200, body: PROVIDER_XML("<ClientIDList><member>a</member></ClientIDList>") } }, calls);
    for (const [op, id] of [["AddClientIDToOpenIDConnectProvider", "b"], ["AddClientIDToOpenIDConnectProvider", "b"], ["RemoveClientIDFromOpenIDConnectProvider", "a"], ["RemoveClientIDFromOpenIDConnectProvider", "zz"]] as const) {
      expect((await f.operations[op]!(iam(op, { OpenIDConnectProviderArn: arn, ClientID: id }), c)).status).toBe(200);
    }
    expect(calls[0]).toBe(`GetOpenIDConnectProvider {"OpenIDConnectProviderArn":"${arn}"}`);
    const read = f.overlay!(iam("GetOpenIDConnectProvider", { OpenIDConnectProviderArn: arn }), PROVIDER_XML("<ClientIDList><member>a</member></ClientIDList>"));
    expect(xmlMembers(read!, "ClientIDList")).toEqual(["b"]);
    expect(xmlMembers(read!, "ThumbprintList")).toEqual(["aa"]);
    // Deleted: moto's answer again.
    f.overlay!(iam("DeleteOpenIDConnectProvider", { OpenIDConnectProviderArn: arn }), "<ok/>");
    expect(f.overlay!(iam("GetOpenIDConnectProvider", { OpenIDConnectProviderArn: arn }), PROVIDER_XML("<ClientIDList/>"))).toBeUndefined();
  });

  it("an unknown provider is moto's NoSuchEntity", async () => {
    const f = iamOidcClientIds();
    const c = ctx({ GetOpenIDConnectProvider: { status: 404, body: "<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>OpenIDConnect Provider not found for arn x</Message></Error></ErrorResponse>" } });
    const r = await f.operations.AddClientIDToOpenIDConnectProvider!(iam("AddClientIDToOpenIDConnectProvider", { OpenIDConnectProviderArn: arn, ClientID: "b" }), c);
    expect([r.status, /<Code>(\w+)</.exec(r.body)?.[1]]).toEqual([404, "NoSuchEntity"]);
  });

  it("XML lists: read, replaced, emptied", () => {
    expect(xmlMembers("<X><ClientIDList/></X>", "ClientIDList")).toEqual([]);
    expect(xmlMembers("<X/>", "ClientIDList")).toBeUndefined();
    expect(withXmlMembers("<X><ClientIDList><member>a</member></ClientIDList></X>", "ClientIDList", [])).toBe("<X><ClientIDList/></X>");
    expect(withXmlMembers("<X><ClientIDList/></X>", "ClientIDList", ["a&b"])).toBe("<X><ClientIDList><member>a&amp;b</member></ClientIDList></X>");
  });
});

describe("IAM user permissions boundary (moto lacks Put/DeleteUserPermissionsBoundary)", () => {
  const USER_XML = `<GetUserResponse><GetUserResult><User><UserName>u</UserName><Arn>arn:aws:iam::123456789012:user/u</Arn></User></GetUserResult></GetUserResponse>`;
  const boundary = (xml: string | undefined) => /<PermissionsBoundaryArn>([^<]+)</.exec(xml ?? "")?.[1];

  it("puts, lays the boundary over GetUser as IAM reports it, deletes; a deleted or re-created user has none", async () => {
    const f = iamUserPermissionsBoundary();
    const calls: string[] = [];
    const c = ctx({ GetUser: { status: 200, body: USER_XML } }, calls);
    const put = await f.operations.PutUserPermissionsBoundary!(iam("PutUserPermissionsBoundary", { UserName: "u", PermissionsBoundary: "arn:aws:iam::123456789012:policy/b" }), c);
    expect(put.status).toBe(200);
    expect(calls).toEqual(['GetUser {"UserName":"u"}']);
    const read = f.overlay!(iam("GetUser", { UserName: "u" }), USER_XML);
    expect(read).toContain("<PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType>");
    expect(boundary(read)).toBe("arn:aws:iam::123456789012:policy/b");
    expect(f.overlay!(iam("GetUser", { UserName: "other" }), USER_XML)).toBeUndefined();
    expect((await f.operations.DeleteUserPermissionsBoundary!(iam("DeleteUserPermissionsBoundary", { UserName: "u" }), c)).status).toBe(200);
    expect(f.overlay!(iam("GetUser", { UserName: "u" }), USER_XML)).toBeUndefined();
    // CreateUser's PermissionsBoundary (dropped by moto) is kept; DeleteUser forgets it.
    expect(boundary(f.overlay!(iam("CreateUser", { UserName: "u", PermissionsBoundary: "arn:aws:iam::123456789012:policy/c" }), USER_XML))).toBe("arn:aws:iam::123456789012:policy/c");
    expect(boundary(f.overlay!(iam("GetUser", { UserName: "u" }), USER_XML))).toBe("arn:aws:iam::123456789012:policy/c");
    f.overlay!(iam("DeleteUser", { UserName: "u" }), "<ok/>");
    expect(f.overlay!(iam("GetUser", { UserName: "u" }), USER_XML)).toBeUndefined();
  });

  it("an unknown user is moto's NoSuchEntity; a boundary already in the XML is replaced", async () => {
    const f = iamUserPermissionsBoundary();
    const c = ctx({ GetUser: { status: 404, body: "<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>The user with name u cannot be found.</Message></Error></ErrorResponse>" } });
    const r = await f.operations.PutUserPermissionsBoundary!(iam("PutUserPermissionsBoundary", { UserName: "u", PermissionsBoundary: "arn:aws:iam::123456789012:policy/b" }), c);
    expect([r.status, /<Code>(\w+)</.exec(r.body)?.[1]]).toEqual([404, "NoSuchEntity"]);
    expect(f.overlay!(iam("GetUser", { UserName: "u" }), USER_XML)).toBeUndefined();
    const twice = withUserBoundary(withUserBoundary(USER_XML, "arn:a"), "arn:b");
    expect(twice.match(/<PermissionsBoundary>/g)).toHaveLength(1);
    expect(boundary(twice)).toBe("arn:b");
  });
});

describe("IAM ListInstanceProfileTags (moto lacks it)", () => {
  const profile = `<GetInstanceProfileResponse><GetInstanceProfileResult><InstanceProfile><Roles><member><RoleName>r</RoleName><Tags><member><Key>role</Key><Value>1</Value></member></Tags></member></Roles><Tags><member><Key>team</Key><Value>ml</Value></member></Tags></InstanceProfile></GetInstanceProfileResult></GetInstanceProfileResponse>`;

  it("answers the profile's own tags (not its role's) from GetInstanceProfile", async () => {
    expect(profileTags(profile)).toBe("<Tags><member><Key>team</Key><Value>ml</Value></member></Tags>");
    expect(profileTags("<InstanceProfile><Roles/></InstanceProfile>")).toBe("<Tags/>");
    const r = await iamInstanceProfileTags().operations.ListInstanceProfileTags!(iam("ListInstanceProfileTags", { InstanceProfileName: "p" }), ctx({ GetInstanceProfile: { status: 200, body: profile } }));
    expect(r.body).toContain("<ListInstanceProfileTagsResult><Tags><member><Key>team</Key><Value>ml</Value></member></Tags><IsTruncated>false</IsTruncated></ListInstanceProfileTagsResult>");
  });
});
