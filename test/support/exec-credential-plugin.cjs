#!/usr/bin/env node
// A kubeconfig exec credential plugin for tests, shaped like `aws eks get-token`: prints an
// ExecCredential in the apiVersion KUBERNETES_EXEC_INFO asks for, holding the token in --token-file.
//   --expires-in <s>   set status.expirationTimestamp that many seconds ahead
//   --fail             exit 1 with a message on stderr, as get-token does without AWS credentials
//   --garbage          print something that is not JSON
// Each run appends a line to $PLUGIN_STATE_DIR/runs (the variable comes from the kubeconfig's exec
// env); if $PLUGIN_STATE_DIR/stale-first exists, the first run prints a token the server rejects.
const fs = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const state = process.env.PLUGIN_STATE_DIR;
if (!state) {
  process.stderr.write("PLUGIN_STATE_DIR is not set\n");
  process.exit(2);
}
const runsFile = path.join(state, "runs");
fs.appendFileSync(runsFile, "run\n");
const run = fs.readFileSync(runsFile, "utf8").split("\n").filter(Boolean).length;

if (args.includes("--fail")) {
  process.stderr.write("Unable to locate credentials. You can configure credentials by running \"aws configure\".\n");
  process.exit(1);
}
if (args.includes("--garbage")) {
  process.stdout.write("Token: k8s-aws-v1.not-json\n");
  process.exit(0);
}
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO || "{}");
const stale = run === 1 && fs.existsSync(path.join(state, "stale-first"));
const token = stale ? "revoked-token" : fs.readFileSync(opt("--token-file"), "utf8").trim();
const expiresIn = opt("--expires-in");
const status = { token, ...(expiresIn ? { expirationTimestamp: new Date(Date.now() + Number(expiresIn) * 1000).toISOString() } : {}) };
process.stdout.write(JSON.stringify({ kind: "ExecCredential", apiVersion: info.apiVersion || "client.authentication.k8s.io/v1beta1", spec: {}, status }));
