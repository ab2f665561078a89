// Installs generated CRDs on the test cluster and waits until the apiserver serves them.
import { kubectl } from '../env/context';

/**
 * Applies the CRDs in `dir` (or the one CRD file `dir` names) and waits for Established. `kubectl wait` fails rather than waits on a
 * CRD created a moment ago whose status the apiserver has not written yet (".status.conditions
 * accessor error: <nil>"), so that answer is asked again.
 */
export function installCrdDir(dir: string): void {
  const r = kubectl(['apply', '--server-side', '--force-conflicts', '-f', dir]);
  if (r.status !== 0) throw new Error(`installing ${dir}: ${r.stderr}`);
  for (let attempt = 1; ; attempt++) {
    const w = kubectl(['wait', '--for=condition=Established', '-f', dir, '--timeout=60s']);
    if (w.status === 0) return;
    if (attempt >= 5 || !/accessor error: <nil>/.test(w.stderr)) throw new Error(`CRDs of ${dir} not established: ${w.stderr}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

/** The walkthrough's two services (SageMaker, Application Auto Scaling): their CRDs and the runtime's own kinds. */
export function installCrds(): void {
  for (const dir of ['generated/sagemaker/crds', 'generated/application-auto-scaling/crds']) installCrdDir(dir);
}
