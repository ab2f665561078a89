import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { generatedCrdFiles, generatedRoot, REPO_ROOT } from "./crds";

describe("generatedRoot", () => {
  it("is the repository's generated/ unless ACK_TS_GENERATED_DIR names another, relative to the current directory", () => {
    expect(generatedRoot({})).toBe(path.join(REPO_ROOT, "generated"));
    expect(generatedRoot({ ACK_TS_GENERATED_DIR: "scratch/out" })).toBe(path.resolve("scratch/out"));
    expect(generatedRoot({ INIT_CWD: "/u/sub", npm_package_json: path.resolve("package.json"), ACK_TS_GENERATED_DIR: "out" })).toBe("/u/sub/out");
  });

  it("a relative ACK_TS_GENERATED_DIR finds the CRDs there", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ack-ts-gen-"));
    mkdirSync(path.join(dir, "svc", "crds"), { recursive: true });
    writeFileSync(path.join(dir, "svc", "crds", "a.yaml"), "");
    expect(generatedCrdFiles(generatedRoot({ ACK_TS_GENERATED_DIR: path.relative(process.cwd(), dir) }))).toEqual([path.join(dir, "svc", "crds", "a.yaml")]);
  });
});
