import { awsError, type SyntheticResponse } from "../aws-errors";

/** IAM's query-protocol (XML) answers, for the IAM gap fillers. */
const NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const REQUEST_ID = "00000000-0000-0000-0000-ack7e5700000";

export function iamOk(operation: string, result = ""): SyntheticResponse {
  const body = result === "" ? "" : `<${operation}Result>${result}</${operation}Result>`;
  return {
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": REQUEST_ID },
    body: `<${operation}Response xmlns="${NS}">${body}<ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

/** moto's error answer as the client should see it (moto already speaks IAM's XML error form). */
export function passThrough(reply: { status: number; body: string }): SyntheticResponse {
  const code = /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1] ?? "";
  return code ? awsError("awsQuery", reply.status, code, unescapeXml(message)) : { status: reply.status, headers: { "content-type": "text/xml" }, body: reply.body };
}

/** The `<member>` values of the first `<name>` list element in an XML body (IAM's list form). */
export function xmlMembers(xml: string, name: string): string[] | undefined {
  const m = new RegExp(`<${name}>(.*?)</${name}>|<${name}/>`, "s").exec(xml);
  if (!m) return undefined;
  return [...(m[1] ?? "").matchAll(/<member>(.*?)<\/member>/gs)].map((x) => unescapeXml(x[1]!));
}

/** `xml` with the first `<name>` list element holding `values` instead. */
export function withXmlMembers(xml: string, name: string, values: readonly string[]): string {
  const list = values.length === 0 ? `<${name}/>` : `<${name}>${values.map((v) => `<member>${escapeXml(v)}</member>`).join("")}</${name}>`;
  const re = new RegExp(`<${name}>.*?</${name}>|<${name}/>`, "s");
  return re.test(xml) ? xml.replace(re, list) : xml;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
