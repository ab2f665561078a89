export { ensureKubeBinaries, planBuild, type BinaryPaths } from "./build";
export { ADMIN_USER, adminConnection, restartApiserver, startKube, stopKube } from "./cluster";
export { kubeCall, kubeRequest, type Connection } from "./client";
export { mintServiceAccount, mintUser, type Identity } from "./identity";
export { renderKubeconfig } from "./kubeconfig";
export { parseKubeState, type KubeState } from "./state";
export { MissingToolError, requireTool } from "./tools";
