import { stopEnv } from "./environment";

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__ACK_TS_TESTENV__;
  globalThis.__ACK_TS_TESTENV__ = undefined;
  if (!running?.env) return;
  await stopEnv(running.env.state, running.env.aws);
  running.dispose?.();
}
