export interface EtcdOptions {
  dataDir: string;
  clientPort: number;
  peerPort: number;
}

export function etcdClientUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function etcdArgs(o: EtcdOptions): string[] {
  const client = etcdClientUrl(o.clientPort);
  const peer = `http://127.0.0.1:${o.peerPort}`;
  return [
    "--name=default",
    `--data-dir=${o.dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=default=${peer}`,
    // Test data only; fsync is most of etcd's write latency on a shared disk.
    "--unsafe-no-fsync=true",
    "--log-level=warn",
  ];
}

export interface ApiserverOptions {
  port: number;
  etcdUrl: string;
  pki: {
    caCert: string;
    servingCert: string;
    servingKey: string;
    saPublicKey: string;
    saPrivateKey: string;
  };
}

export function apiserverUrl(port: number): string {
  return `https://127.0.0.1:${port}`;
}

export function apiserverArgs(o: ApiserverOptions): string[] {
  const url = apiserverUrl(o.port);
  return [
    `--etcd-servers=${o.etcdUrl}`,
    "--bind-address=127.0.0.1",
    // Without it the apiserver looks for a default route and fails on hosts without one.
    "--advertise-address=127.0.0.1",
    `--secure-port=${o.port}`,
    `--tls-cert-file=${o.pki.servingCert}`,
    `--tls-private-key-file=${o.pki.servingKey}`,
    `--client-ca-file=${o.pki.caCert}`,
    "--authorization-mode=RBAC",
    `--service-account-issuer=${url}`,
    `--service-account-key-file=${o.pki.saPublicKey}`,
    `--service-account-signing-key-file=${o.pki.saPrivateKey}`,
    "--service-cluster-ip-range=10.0.0.0/24",
    "--allow-privileged=true",
    // No kube-controller-manager runs, so no "default" ServiceAccount appears in namespaces; without this Pods could not be created.
    "--disable-admission-plugins=ServiceAccount",
    // The loopback advertise address is not a valid endpoint for the "kubernetes" Service.
    "--endpoint-reconciler-type=none",
    "--profiling=false",
  ];
}
