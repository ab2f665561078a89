import { readFileSync } from "node:fs";
import { motoVersionOf, REQUIREMENTS_FILE, venvDirName } from "./moto-install";

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
