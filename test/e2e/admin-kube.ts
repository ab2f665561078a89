// A runtime KubeClient on the test cluster as its admin, for tests that read and write objects
// themselves; whoever makes one closes its `http` when done.
import { KubeClient } from '../../runtime/k8s/client';
import { KubeHttp } from '../../runtime/k8s/http';
import { loadConnection } from '../../runtime/k8s/kubeconfig';
import { testContext } from '../env/context';

export const adminKube = (): KubeClient => new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: testContext().kubeconfig })));
