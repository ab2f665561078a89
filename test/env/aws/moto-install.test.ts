import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureMotoVenv, motoVersionOf, pythonCommand, REQUIREMENTS_FILE, venvDirName } from "./moto-install";

describe("moto venv cache key", () => {
  it("reads the exact moto pin, extras or not", () => {
    expect(motoVersionOf("a==1\nmoto[server]==5.2.5\n")).toBe("5.2.5");
    expect(motoVersionOf("moto==5.1.0")).toBe("5.1.0");
    expect(() => motoVersionOf("moto>=5")).toThrow(/exact/);
  });

  it("changes with the lock file and with the Python minor version", () => {
    const a = venvDirName("moto==5.2.5\nx==1\n", "3.11");
    expect(a).toMatch(/^moto-5\.2\.5-[0-9a-f]{12}$/);
    expect(venvDirName("moto==5.2.5\nx==2\n", "3.11")).not.toBe(a);
    expect(venvDirName("moto==5.2.5\nx==1\n", "3.12")).not.toBe(a);
  });

  it("pins every requirement exactly", () => {
    const lines = readFileSync(REQUIREMENTS_FILE, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).toMatch(/^[A-Za-z0-9_.\-[\]]+==[^=\s]+$/);
  });
});

describe("ACK_TS_PYTHON", () => {
  it("is a command on PATH, or a path relative to the current directory", () => {
    expect(pythonCommand({})).toBe("python3");
    expect(pythonCommand({ ACK_TS_PYTHON: "python3.12" })).toBe("python3.12");
    expect(pythonCommand({ ACK_TS_PYTHON: "venv/bin/python" })).toBe(resolve("venv/bin/python"));
    expect(pythonCommand({ INIT_CWD: "/u/sub", npm_package_json: resolve("package.json"), ACK_TS_PYTHON: "./py" })).toBe("/u/sub/py");
  });
});

/** A python3 stand-in: answers the venv probe, "creates" a venv with a copy of itself, and installs slowly. */
const FAKE_PYTHON = `#!/bin/sh
case "$1 $2" in
  "-c "*) echo 3.99 ;;
  "-m venv") mkdir -p "$3/bin" && cp "$0" "$3/bin/python" ;;
  "-m pip") echo "Collecting moto==5.2.5"; sleep 0.6; echo "Collecting werkzeug"; sleep 0.6; echo "Successfully installed moto" ;;
  *) exit 9 ;;
esac
`;

describe("a cold moto install shows progress", () => {
  const saved = { cache: process.env.ACK_TS_CACHE, python: process.env.ACK_TS_PYTHON };
  const root = mkdtempSync(join(tmpdir(), "ack-ts-moto-install-"));
  afterAll(() => {
    for (const [k, v] of [["ACK_TS_CACHE", saved.cache], ["ACK_TS_PYTHON", saved.python]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it("prints a line every heartbeat while it waits for another installer and while pip runs", async () => {
    const python = join(root, "python3");
    writeFileSync(python, FAKE_PYTHON);
    chmodSync(python, 0o755);
    process.env.ACK_TS_CACHE = join(root, "cache");
    process.env.ACK_TS_PYTHON = python;
    const requirements = readFileSync(REQUIREMENTS_FILE, "utf8");
    const lock = join(root, "cache", `${venvDirName(requirements, "3.99")}.lock`);
    const holder = spawn("sleep", ["60"], { stdio: "ignore" });
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, "pid"), String(holder.pid));
    setTimeout(() => {
      rmSync(lock, { recursive: true, force: true });
      holder.kill();
    }, 450);

    const lines: string[] = [];
    const venv = await ensureMotoVenv((l) => lines.push(l), 100);

    expect(venv.python).toBe(join(root, "cache", venvDirName(requirements, "3.99"), "bin", "python"));
    expect(lines[0]).toBe(`[aws-env] waiting for another process (pid ${holder.pid}) installing moto`);
    expect(lines.filter((l) => /^\[aws-env\] still waiting for the moto install of pid \d+, \d+s$/.test(l)).length).toBeGreaterThanOrEqual(2);
    const beats = lines.filter((l) => /^\[aws-env\] installing moto 5\.2\.5: \d packages collected, \d+s$/.test(l));
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.at(-1)).toContain(": 2 packages collected");
    expect(lines.at(-1)).toMatch(/^\[aws-env\] moto 5\.2\.5 installed in /);
  });
});
