import { spawnSync } from "node:child_process";

/** How the README's "Test environment" section says to get each tool. */
const INSTALL_HINTS: Record<string, string> = {
  go: "Go >= 1.25: apt-get install golang, or https://go.dev/dl",
  openssl: "apt-get install openssl",
  python3: "apt-get install python3 python3-venv",
};

/** A missing prerequisite. Its message is one line: what is missing and where the README says how to install it. */
export class MissingToolError extends Error {
  constructor(readonly tool: string, detail?: string) {
    super(
      `test environment: missing ${tool}${detail ? ` (${detail})` : ""}; install it as README.md "Test environment" says (${INSTALL_HINTS[tool] ?? tool})`,
    );
    this.name = "MissingToolError";
    // Reporters (jest's included) print the stack; one line is the whole story here.
    this.stack = this.message;
  }
}

/** Throws MissingToolError unless `tool --version`-like probe succeeds. */
export function requireTool(tool: string, probeArgs: string[] = ["version"]): void {
  const r = spawnSync(tool, probeArgs, { stdio: "ignore" });
  if (r.error || r.status !== 0) throw new MissingToolError(tool, r.error ? "not on PATH" : `\`${tool} ${probeArgs.join(" ")}\` failed`);
}
