import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { motoVersionOf, pythonCommand, REQUIREMENTS_FILE, venvDirName } from "./moto-install";

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
