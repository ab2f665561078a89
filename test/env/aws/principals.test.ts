import { accessKeyOfAssumeRoleAnswer, learnAssumedKey, principalOf, type AssumedKeys } from "./principals";

const ANSWER = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><SessionToken>tok</SessionToken><SecretAccessKey>sec</SecretAccessKey><Expiration>2030-01-01T00:00:00Z</Expiration><AccessKeyId>ASIAEXAMPLE123</AccessKeyId></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/team-a/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`;

describe("principals", () => {
  it("reads the access key of an AssumeRole answer", () => {
    expect(accessKeyOfAssumeRoleAnswer(ANSWER)).toBe("ASIAEXAMPLE123");
    expect(accessKeyOfAssumeRoleAnswer("<Error/>")).toBeUndefined();
  });

  it("maps a key learned from AssumeRole to its role and account; other keys to nothing", () => {
    const keys: AssumedKeys = new Map();
    const call = { service: "sts", operation: "AssumeRole", input: { RoleArn: "arn:aws:iam::111122223333:role/team-a" } };
    learnAssumedKey(keys, call, 403, ANSWER);
    expect(keys.size).toBe(0);
    learnAssumedKey(keys, { ...call, service: "sagemaker" }, 200, ANSWER);
    expect(keys.size).toBe(0);
    learnAssumedKey(keys, call, 200, ANSWER);
    expect(principalOf(keys, "ASIAEXAMPLE123")).toEqual({ assumedRole: "arn:aws:iam::111122223333:role/team-a", account: "111122223333" });
    expect(principalOf(keys, "testing")).toEqual({});
    expect(principalOf(keys, undefined)).toEqual({});
  });
});
