import { heartbeat } from "./heartbeat";
import { setTimeout as sleep } from "node:timers/promises";

describe("heartbeat", () => {
  it("reports the elapsed time on every beat until stopped", async () => {
    const beats: string[] = [];
    const stop = heartbeat((t) => beats.push(t), 50);
    await sleep(280);
    stop();
    const seen = beats.length;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(beats.every((t) => /^\d+s$/.test(t))).toBe(true);
    await sleep(150);
    expect(beats.length).toBe(seen);
  });
});
