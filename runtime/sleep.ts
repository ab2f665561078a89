/** A pause that never keeps the process alive on its own (shutdown must not wait for a backoff). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
