// The generator's CRDs, proven against a real kube-apiserver: they install, the walkthrough
// manifests validate against them, and invalid objects are rejected naming the bad field.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { kubectl } from "../env/context";
import { kubectlOk as ok } from "../e2e/kubectl-ok";
import { REPO_ROOT, type ManifestObject, crdNames, generatedCrdFiles, readManifests } from "../env/crds";

const WALKTHROUGH_DIR = path.resolve(REPO_ROOT, "../shared/walkthrough");
const ns = `it-crds-${randomBytes(3).toString("hex")}`;
const crdFiles = generatedCrdFiles();

function run(args: string[], input?: string) {
  return kubectl(args, { input });
}

/** Asserts kubectl failed and returns its error output. */
function rejected(args: string[], input: string): string {
  const r = run(args, input);
  if (r.status === 0) throw new Error(`expected kubectl ${args.join(" ")} to reject the object, but it succeeded: ${r.stdout}`);
  return r.stderr;
}

let installed = false;

/** Installs every generated CRD once per run of this file and waits until all are Established. */
function installCrds(): void {
  if (installed) return;
  if (crdFiles.length === 0) throw new Error("no CRDs under generated/*/crds/: run `npm run generate -- --all` first");
  for (const f of crdFiles) ok(["apply", "--server-side", "--force-conflicts", "-f", f]);
  const names = crdFiles.flatMap(crdNames);
  ok(["wait", "--for=condition=Established", "--timeout=60s", ...names.map((n) => `crd/${n}`)]);
  installed = true;
}

function trainingJob(): ManifestObject {
  const tj = readManifests(path.join(WALKTHROUGH_DIR, "training.yaml")).find((o) => o.kind === "TrainingJob");
  if (!tj) throw new Error("no TrainingJob in the walkthrough's training.yaml");
  return JSON.parse(JSON.stringify(tj)) as ManifestObject;
}

type Spec = Record<string, unknown> & { resourceConfig: Record<string, unknown> };
const spec = (o: ManifestObject) => o.spec as Spec;
const yaml = (o: ManifestObject) => stringify(o);
const DRY_RUN_APPLY = ["-n", ns, "apply", "--server-side", "--dry-run=server", "-f", "-"];

describe("generated CRDs", () => {
  it("are there for sagemaker and application-auto-scaling", () => {
    const services = new Set(crdFiles.map((f) => path.basename(path.dirname(path.dirname(f)))));
    expect([...services].sort()).toEqual(expect.arrayContaining(["application-auto-scaling", "sagemaker"]));
  });

  it("all install and become Established", () => {
    installCrds();
    for (const name of crdFiles.flatMap(crdNames)) {
      expect(ok(["get", `crd/${name}`, "-o", `jsonpath={.status.conditions[?(@.type=="Established")].status}`])).toBe("True");
    }
  });
});

describe("the walkthrough manifests", () => {
  beforeAll(() => {
    installCrds();
    ok(["create", "namespace", ns]);
  });

  const files = fs.existsSync(WALKTHROUGH_DIR) ? fs.readdirSync(WALKTHROUGH_DIR).filter((f) => f.endsWith(".yaml")) : [];
  it("exist", () => expect(files.length).toBeGreaterThan(0));

  it.each(files)("%s passes server-side dry-run apply with strict field validation", (file) => {
    const out = ok(["-n", ns, "apply", "--server-side", "--dry-run=server", "--validate=strict", "-f", path.join(WALKTHROUGH_DIR, file)]);
    expect(out).toMatch(/serverside-applied \(server dry run\)/);
  });
});

describe("an invalid TrainingJob is rejected with a message naming the field", () => {
  beforeAll(() => {
    installCrds();
    ok(["create", "namespace", `${ns}-invalid`]);
  });
  const nsArgs = (args: string[]) => args.map((a) => (a === ns ? `${ns}-invalid` : a));

  it("a wrong type, with server-side apply", () => {
    const tj = trainingJob();
    spec(tj).resourceConfig.instanceCount = "one";
    expect(rejected(nsArgs(DRY_RUN_APPLY), yaml(tj))).toMatch(/spec\.resourceConfig\.instanceCount: expected numeric/);
  });

  it("a wrong type, on create", () => {
    const tj = trainingJob();
    spec(tj).resourceConfig.instanceCount = "one";
    const err = rejected(["-n", `${ns}-invalid`, "create", "--dry-run=server", "-f", "-"], yaml(tj));
    expect(err).toMatch(/spec\.resourceConfig\.instanceCount.*must be of type integer/);
  });

  it("an unknown field, with server-side apply and fieldValidation=Strict", () => {
    const tj = trainingJob();
    spec(tj).resourceConfig.notAField = 1;
    expect(rejected(nsArgs([...DRY_RUN_APPLY, "--validate=strict"]), yaml(tj))).toMatch(/spec\.resourceConfig\.notAField/);
  });

  it("an unknown field, on create with fieldValidation=Strict", () => {
    const tj = trainingJob();
    spec(tj).notAField = "x";
    const err = rejected(["-n", `${ns}-invalid`, "create", "--dry-run=server", "--validate=strict", "-f", "-"], yaml(tj));
    expect(err).toMatch(/unknown field "spec\.notAField"/);
  });

  it("a name outside the model's pattern (Smithy @pattern, in RE2)", () => {
    const tj = trainingJob();
    spec(tj).trainingJobName = "Bad_Name!";
    const err = rejected(["-n", `${ns}-invalid`, "create", "--dry-run=server", "-f", "-"], yaml(tj));
    expect(err).toMatch(/spec\.trainingJobName: Invalid value: "Bad_Name!": spec\.trainingJobName in body should match '\^\[a-zA-Z0-9\]\(-\*\[a-zA-Z0-9\]\)\{0,62\}\$'/);
    spec(tj).trainingJobName = "good-name-1";
    expect(ok(["-n", `${ns}-invalid`, "create", "--dry-run=server", "-f", "-"], yaml(tj))).toMatch(/created \(server dry run\)/);
  });

  it("a missing required field", () => {
    const tj = trainingJob();
    delete spec(tj).trainingJobName;
    expect(rejected(nsArgs(DRY_RUN_APPLY), yaml(tj))).toMatch(/spec\.trainingJobName: Required value/);
  });

  it("a changed primary identifier on update", () => {
    const tj = trainingJob();
    tj.metadata.name = "immutable-name";
    spec(tj).trainingJobName = "immutable-name";
    ok(["-n", `${ns}-invalid`, "apply", "--server-side", "-f", "-"], yaml(tj));
    spec(tj).trainingJobName = "renamed";
    const err = rejected(["-n", `${ns}-invalid`, "apply", "--server-side", "-f", "-"], yaml(tj));
    // The generator's CEL rule on the primary identifier: `self == oldSelf`.
    expect(err).toMatch(/spec\.trainingJobName: Invalid value.*immutable/i);
    expect(ok(["-n", `${ns}-invalid`, "get", "trainingjob", "immutable-name", "-o", "jsonpath={.spec.trainingJobName}"])).toBe("immutable-name");
  });
});
