// The generated Helm charts, proven with the real helm CLI (built by test/env/helm) and the test
// cluster: they lint, they render to objects kube-apiserver accepts (server-side dry run), and the
// values reach the controller as the flags the runtime parses.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseFlags } from "../../runtime/ops/flags";
import { kubectlOk as ok } from "../e2e/kubectl-ok";
import { chartDir, controllerArgv, helm, removeHelmHome, renderChart } from "../support/helm";

const SERVICES = ["application-auto-scaling", "sagemaker"];
const suffix = randomBytes(3).toString("hex");
const ns = `it-helm-${suffix}`;
const watched = [`it-helm-a-${suffix}`, `it-helm-b-${suffix}`];

const kindsOf = (service: string) =>
  fs
    .readdirSync(path.join(chartDir(service), "crds"))
    // services.k8s.aws_*: the runtime's own kinds (IAMRoleSelector), which every chart ships.
    .filter((f) => !f.startsWith("services.k8s.aws_"))
    .map((f) => (parse(fs.readFileSync(path.join(chartDir(service), "crds", f), "utf8")) as { spec: { names: { kind: string } } }).spec.names.kind)
    .sort();

beforeAll(() => {
  for (const n of [ns, ...watched]) ok(["create", "namespace", n]);
});

describe.each(SERVICES)("%s chart", (service) => {
  it("passes helm lint --strict, in both install scopes", async () => {
    for (const scope of [[], ["--set", "installScope=namespace", "--set", "watchNamespace=a\\,b"]]) {
      const r = await helm(["lint", "--strict", chartDir(service), "--set", "aws.region=us-west-2", ...scope]);
      expect(r.stdout + r.stderr).toContain("1 chart(s) linted, 0 chart(s) failed");
      expect(r.status).toBe(0);
    }
  });

  it.each([
    ["cluster scope, defaults", {}],
    ["namespace scope, two watched namespaces, leader election, metrics Service, credentials Secret", {
      installScope: "namespace",
      watchNamespace: watched.join(","),
      "leaderElection.enabled": true,
      "metrics.service.create": true,
      "aws.credentials.secretName": "aws-creds",
    }],
  ])("renders objects kube-apiserver accepts (%s)", async (_, values) => {
    const { yaml, objects } = await renderChart(service, `rel-${suffix}`, ns, { "aws.region": "us-west-2", ...values }, ["--include-crds"]);
    const kinds = new Set(objects.map((o) => o.kind));
    for (const k of ["CustomResourceDefinition", "Deployment", "ServiceAccount"]) expect(kinds).toContain(k);
    const out = ok(["apply", "--server-side", "--force-conflicts", "--dry-run=server", "--field-manager", "helm-test", "-f", "-"], yaml);
    expect(out.split("\n").filter((l) => l.includes("serverside-applied (server dry run)")).length).toBe(objects.length);
  });

  it("rejects values the schema forbids, naming the key", async () => {
    const r = await helm(["template", "x", chartDir(service), "--set", "installScope=everywhere"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("installScope");
  });

  it("passes the default values to the controller as flags the runtime accepts", async () => {
    const { objects } = await renderChart(service, "rel", ns, { "aws.region": "eu-central-1" });
    const cfg = parseFlags(controllerArgv(objects), kindsOf(service));
    expect(cfg).toMatchObject({
      awsRegion: "eu-central-1",
      awsEndpointUrl: "",
      logLevel: "info",
      watchNamespaces: [],
      watchSelectors: "",
      deletionPolicy: "delete",
      enableLeaderElection: false,
      defaultResyncSeconds: 36000,
      tagResyncSeconds: 36000,
      defaultMaxConcurrentSyncs: 1,
      enableCarm: true,
      metricsAddr: "0.0.0.0:8080",
      reconcileResources: kindsOf(service),
      featureGates: { ResourceAdoption: true, ReadOnlyResources: true, TeamLevelCARM: false, ServiceLevelCARM: false, IAMRoleSelector: false },
    });
    expect(cfg.resourceTags).toContain("services.k8s.aws/namespace=%K8S_NAMESPACE%");
  });
});

describe("values → controller flags", () => {
  const service = "application-auto-scaling";

  it("maps every value ACK's chart maps", async () => {
    const { objects } = await renderChart(service, "rel", ns, {
      "aws.region": "us-east-2",
      "aws.endpoint_url": "http://127.0.0.1:4566",
      "aws.identity_endpoint_url": "http://127.0.0.1:4567",
      "aws.allow_unsafe_aws_endpoint_urls": true,
      "log.level": "debug",
      "log.enable_development_logging": true,
      installScope: "namespace",
      watchNamespace: "team-a,team-b",
      watchSelectors: "env=prod",
      deletionPolicy: "retain",
      "reconcile.defaultResyncPeriod": 600,
      "reconcile.resourceResyncPeriods.ScalingPolicy": 120,
      "reconcile.tagResyncPeriod": 900,
      "reconcile.defaultMaxConcurrentSyncs": 3,
      "reconcile.resourceMaxConcurrentSyncs.ScalableTarget": 5,
      "leaderElection.enabled": true,
      "leaderElection.namespace": "ack-leases",
      enableCARM: false,
      "featureGates.ReadOnlyResources": false,
      "deployment.containerPort": 9090,
    }, ["--set", "resourceTags={team=ml,cost-center=42}", "--set", "reconcile.resources={ScalableTarget}"]);
    const cfg = parseFlags(controllerArgv(objects), ["ScalableTarget", "ScalingPolicy"]);
    expect(cfg).toMatchObject({
      awsRegion: "us-east-2",
      awsEndpointUrl: "http://127.0.0.1:4566",
      awsIdentityEndpointUrl: "http://127.0.0.1:4567",
      allowUnsafeAwsEndpointUrls: true,
      logLevel: "debug",
      enableDevelopmentLogging: true,
      watchNamespaces: ["team-a", "team-b"],
      watchSelectors: "env=prod",
      deletionPolicy: "retain",
      defaultResyncSeconds: 600,
      resourceResyncSeconds: { ScalingPolicy: 120 },
      tagResyncSeconds: 900,
      defaultMaxConcurrentSyncs: 3,
      resourceMaxConcurrentSyncs: { ScalableTarget: 5 },
      enableLeaderElection: true,
      leaderElectionNamespace: "ack-leases",
      enableCarm: false,
      resourceTags: ["team=ml", "cost-center=42"],
      reconcileResources: ["ScalableTarget"],
      metricsAddr: "0.0.0.0:9090",
    });
    expect(cfg.featureGates.ReadOnlyResources).toBe(false);
  });

  it("watches the release namespace when installScope is namespace and watchNamespace is empty; a resync of 0 keeps the built-in default", async () => {
    const { objects } = await renderChart(service, "rel", "ack-system", { "aws.region": "us-east-1", installScope: "namespace", "reconcile.defaultResyncPeriod": 0 });
    const cfg = parseFlags(controllerArgv(objects), ["ScalableTarget", "ScalingPolicy"]);
    expect(cfg.watchNamespaces).toEqual(["ack-system"]);
    expect(cfg.defaultResyncSeconds).toBe(0);
  });

  it("mounts a credentials Secret as the SDK's shared credentials file", async () => {
    const { objects } = await renderChart(service, "rel", ns, { "aws.region": "us-east-1", "aws.credentials.secretName": "aws-creds", "aws.credentials.profile": "ack" });
    const pod = objects.find((o) => o.kind === "Deployment")!.spec.template.spec;
    expect(pod.volumes).toEqual([{ name: "aws-credentials", secret: { secretName: "aws-creds" } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: "aws-credentials", mountPath: "/var/run/secrets/aws", readOnly: true }]);
    expect(pod.containers[0].env).toEqual(expect.arrayContaining([
      { name: "AWS_SHARED_CREDENTIALS_FILE", value: "/var/run/secrets/aws/credentials" },
      { name: "AWS_PROFILE", value: "ack" },
    ]));
  });

  it("annotates the ServiceAccount for IRSA", async () => {
    const arn = "arn:aws:iam::123456789012:role/ack-aas";
    const { objects } = await renderChart(service, "rel", ns, { "aws.region": "us-east-1" }, ["--set", `serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=${arn}`]);
    const sa = objects.find((o) => o.kind === "ServiceAccount")!;
    expect(sa.metadata).toMatchObject({ name: "ack-application-auto-scaling-controller", annotations: { "eks.amazonaws.com/role-arn": arn } });
    expect(objects.find((o) => o.kind === "Deployment")!.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
  });
});

afterAll(() => removeHelmHome());
