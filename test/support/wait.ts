/** Polls `probe` until it returns something truthy; the error names what was awaited and the last value seen. */
export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs: number, what: string, context: () => string = () => ""): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
