import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { descendants, isAlive, recordPid, recordedPids, sleep, startDaemon, startReaper, stopGroup } from "./process";

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(50);
}

describe("process groups", () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "ack-ts-process-test-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("records pids by name and ignores junk", () => {
    const dir = path.join(root, "pids");
    recordPid(dir, "a", 1234);
    fs.writeFileSync(path.join(dir, "junk"), "not a pid");
    expect([...recordedPids(dir)]).toEqual([["a", 1234]]);
    expect(recordedPids(path.join(root, "missing")).size).toBe(0);
  });

  it("stopGroup kills a daemon and the children in its group", async () => {
    const pidDir = path.join(root, "pids");
    const childFile = path.join(root, "child");
    const pid = startDaemon({ name: "sh", bin: "sh", args: ["-c", `sleep 60 & echo $! > ${childFile}; wait`], logFile: path.join(root, "log"), pidDir });
    await waitFor(() => fs.existsSync(childFile) && fs.readFileSync(childFile, "utf8").trim() !== "");
    const child = Number(fs.readFileSync(childFile, "utf8"));
    expect(isAlive(child)).toBe(true);
    await stopGroup(pid, 2000);
    await waitFor(() => !isAlive(child));
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(child)).toBe(false);
  });

  it("the reaper kills recorded groups and removes the root when the parent dies without cleaning up", async () => {
    const envRoot = path.join(root, "env");
    const pidDir = path.join(envRoot, "pids");
    const daemon = startDaemon({ name: "sleep", bin: "sleep", args: ["60"], logFile: path.join(root, "log"), pidDir });
    const parent = spawn("sleep", ["60"]);
    startReaper(parent.pid!, envRoot, pidDir);
    await sleep(300);
    expect(isAlive(daemon)).toBe(true);
    parent.kill("SIGKILL");
    await waitFor(() => !fs.existsSync(envRoot) && !isAlive(daemon));
    expect(isAlive(daemon)).toBe(false);
    expect(fs.existsSync(envRoot)).toBe(false);
  });

  it("a reaper armed by a marker stands down once the marker is gone, even if the parent then dies", async () => {
    const envRoot = path.join(root, "env");
    const pidDir = path.join(envRoot, "pids");
    const marker = path.join(envRoot, ".starting");
    const daemon = startDaemon({ name: "sleep", bin: "sleep", args: ["60"], logFile: path.join(root, "log"), pidDir });
    fs.writeFileSync(marker, "");
    const parent = spawn("sleep", ["60"]);
    const reaper = startReaper(parent.pid!, envRoot, pidDir, marker)!;
    await sleep(300);
    fs.rmSync(marker);
    parent.kill("SIGKILL");
    await waitFor(() => !isAlive(reaper));
    expect(isAlive(reaper)).toBe(false);
    expect(isAlive(daemon)).toBe(true); // a finished detached `up`: its processes outlive it
    expect(fs.existsSync(envRoot)).toBe(true);
    await stopGroup(daemon, 1000);
  });

  it("descendants lists children and grandchildren, detached or not", async () => {
    const pidFile = path.join(root, "grandchild");
    const child = spawn("sh", ["-c", `sleep 60 & echo $! > ${pidFile}; wait`], { stdio: "ignore" });
    const detached = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").trim() !== "");
    const grandchild = Number(fs.readFileSync(pidFile, "utf8"));
    try {
      expect(descendants(process.pid)).toEqual(expect.arrayContaining([child.pid, grandchild, detached.pid]));
      expect(descendants(child.pid!)).toEqual([grandchild]);
    } finally {
      for (const pid of [grandchild, child.pid!, detached.pid!]) process.kill(pid, "SIGKILL");
    }
  });
});
