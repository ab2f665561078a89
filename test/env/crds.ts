import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { userPath } from "../../runtime/user-path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** The generated/ tree tests read; $ACK_TS_GENERATED_DIR points elsewhere (e.g. a scratch generator run). */
export function generatedRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.ACK_TS_GENERATED_DIR ? userPath(env.ACK_TS_GENERATED_DIR, env) : path.join(REPO_ROOT, "generated");
}

/** generated/<service>/crds/*.yaml, sorted. */
export function generatedCrdFiles(generatedDir = generatedRoot()): string[] {
  if (!fs.existsSync(generatedDir)) return [];
  return fs
    .readdirSync(generatedDir)
    .flatMap((svc) => {
      const dir = path.join(generatedDir, svc, "crds");
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)) : [];
    })
    .sort();
}

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** Every object in a multi-document YAML file, skipping empty documents. */
export function readManifests(file: string): ManifestObject[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0]?.message}`);
      return d.toJS() as ManifestObject | null;
    })
    .filter((o): o is ManifestObject => o !== null && typeof o === "object");
}

/** The CRD names (<plural>.<group>) a file defines. */
export function crdNames(file: string): string[] {
  return readManifests(file)
    .filter((o) => o.kind === "CustomResourceDefinition")
    .map((o) => o.metadata.name);
}
