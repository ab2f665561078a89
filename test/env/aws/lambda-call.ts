/**
 * Lambda's REST-JSON requests by operation name, for the operations the scenario proxy answers itself
 * (gap fillers: code signing configs and a function's, provisioned concurrency, tags of code signing configs) or
 * corrects (a qualified GetPolicy; AddPermission and RemovePermission named for the call log). Other
 * Lambda requests keep the `METHOD /path` name. Members as the Lambda API reference names them. Pure.
 */
interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly operation: string;
  /** Path parameters, in the order the regular expression captures them. */
  readonly params: readonly string[];
}

const ROUTES: readonly Route[] = [
  { method: "POST", path: /^\/2020-04-22\/code-signing-configs\/?$/, operation: "CreateCodeSigningConfig", params: [] },
  { method: "GET", path: /^\/2020-04-22\/code-signing-configs\/([^/]+)$/, operation: "GetCodeSigningConfig", params: ["CodeSigningConfigArn"] },
  { method: "PUT", path: /^\/2020-04-22\/code-signing-configs\/([^/]+)$/, operation: "UpdateCodeSigningConfig", params: ["CodeSigningConfigArn"] },
  { method: "DELETE", path: /^\/2020-04-22\/code-signing-configs\/([^/]+)$/, operation: "DeleteCodeSigningConfig", params: ["CodeSigningConfigArn"] },
  { method: "PUT", path: /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, operation: "PutProvisionedConcurrencyConfig", params: ["FunctionName"] },
  { method: "GET", path: /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, operation: "GetProvisionedConcurrencyConfig", params: ["FunctionName"] },
  { method: "DELETE", path: /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, operation: "DeleteProvisionedConcurrencyConfig", params: ["FunctionName"] },
  { method: "PUT", path: /^\/2020-06-30\/functions\/([^/]+)\/code-signing-config$/, operation: "PutFunctionCodeSigningConfig", params: ["FunctionName"] },
  { method: "GET", path: /^\/2020-06-30\/functions\/([^/]+)\/code-signing-config$/, operation: "GetFunctionCodeSigningConfig", params: ["FunctionName"] },
  { method: "DELETE", path: /^\/2020-06-30\/functions\/([^/]+)\/code-signing-config$/, operation: "DeleteFunctionCodeSigningConfig", params: ["FunctionName"] },
  { method: "POST", path: /^\/2015-03-31\/functions\/([^/]+)\/policy\/?$/, operation: "AddPermission", params: ["FunctionName"] },
  { method: "GET", path: /^\/2015-03-31\/functions\/([^/]+)\/policy\/?$/, operation: "GetPolicy", params: ["FunctionName"] },
  { method: "DELETE", path: /^\/2015-03-31\/functions\/([^/]+)\/policy\/([^/]+)$/, operation: "RemovePermission", params: ["FunctionName", "StatementId"] },
  { method: "GET", path: /^\/2017-03-31\/tags\/(.+)$/, operation: "ListTags", params: ["Resource"] },
  { method: "POST", path: /^\/2017-03-31\/tags\/(.+)$/, operation: "TagResource", params: ["Resource"] },
  { method: "DELETE", path: /^\/2017-03-31\/tags\/(.+)$/, operation: "UntagResource", params: ["Resource"] },
];

/** Query members by their wire names (`tagKeys` repeated for UntagResource). */
const QUERY: Readonly<Record<string, string>> = { Qualifier: "Qualifier", tagKeys: "TagKeys" };

export function lambdaOperation(method: string, url: string, body: string): { operation: string; input: Record<string, unknown> } | undefined {
  const [path = "", query = ""] = url.split("?");
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.path.exec(path);
    if (!m) continue;
    const input: Record<string, unknown> = { ...parseBody(body) };
    r.params.forEach((p, i) => (input[p] = decodeURIComponent(m[i + 1]!)));
    const params = new URLSearchParams(query);
    for (const [wire, member] of Object.entries(QUERY)) {
      const all = params.getAll(wire);
      if (all.length) input[member] = member === "TagKeys" ? all : all[0];
    }
    return { operation: r.operation, input };
  }
  return undefined;
}

function parseBody(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
