import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { ensureHelm } from "../env/helm/build";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const chartDir = (service: string) => path.join(REPO_ROOT, "generated", service, "helm");

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

let helmPath: string | undefined;
let helmHome: string | undefined;

/** Runs the built helm (test/env/helm). Never throws on a non-zero exit. */
export async function helm(args: string[]): Promise<HelmResult> {
  helmPath ??= await ensureHelm();
  // Keep helm's cache, config and data out of the user's home.
  helmHome ??= fs.mkdtempSync(path.join(os.tmpdir(), "ack-ts-helm-"));
  const home = { HELM_CACHE_HOME: `${helmHome}/cache`, HELM_CONFIG_HOME: `${helmHome}/config`, HELM_DATA_HOME: `${helmHome}/data` };
  const r = spawnSync(helmPath, args, { encoding: "utf8", timeout: 120_000, maxBuffer: 256 << 20, env: { ...process.env, ...home } });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function removeHelmHome(): void {
  if (helmHome) fs.rmSync(helmHome, { recursive: true, force: true });
  helmHome = undefined;
}

/** `--set k=v` for each entry (`--set-string` where the value must stay a string). */
export function setArgs(values: Record<string, string | number | boolean>): string[] {
  // helm splits --set on unescaped commas.
  return Object.entries(values).flatMap(([k, v]) => [typeof v === "string" ? "--set-string" : "--set", `${k}=${String(v).replace(/,/g, "\\,")}`]);
}

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };

/** `helm template` of a service's chart; throws with helm's message when it fails. */
export async function renderChart(service: string, release: string, namespace: string, values: Record<string, string | number | boolean> = {}, extra: string[] = []): Promise<{ yaml: string; objects: K8sObject[] }> {
  const r = await helm(["template", release, chartDir(service), "--namespace", namespace, ...setArgs(values), ...extra]);
  if (r.status !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  const objects = parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { yaml: r.stdout, objects };
}

/** The controller's argv as the pod would run it: the Deployment's args with $(VAR) expanded from its env. */
export function controllerArgv(objects: K8sObject[]): string[] {
  const deployment = objects.find((o) => o.kind === "Deployment");
  if (!deployment) throw new Error("the chart rendered no Deployment");
  const container = deployment.spec.template.spec.containers[0];
  const env = new Map<string, string>((container.env ?? []).filter((e: any) => "value" in e).map((e: any) => [e.name, String(e.value)]));
  return (container.args as string[]).map((a) => a.replace(/\$\(([A-Z_]+)\)/g, (m, name: string) => env.get(name) ?? m));
}
