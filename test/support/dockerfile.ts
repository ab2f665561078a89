/**
 * A static Dockerfile check for when no Docker engine (and no hadolint) is at hand:
 * parses the instructions and reports what would make the controller image unsafe or unrunnable.
 */

export interface Instruction {
  readonly line: number;
  readonly op: string;
  readonly args: string;
}

export interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = i + 1;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1).trimEnd() + ' ';
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const m = /^(\S+)\s*(.*)$/.exec(full)!;
    instructions.push({ line: start, op: m[1]!.toUpperCase(), args: m[2]! });
  });
  const stages: { from: string; name?: string; instructions: Instruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.op === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: unreadable FROM`);
      stages.push({ from: m[1]!, ...(m[2] ? { name: m[2] } : {}), instructions: [] });
    } else if (stages.length === 0) {
      if (ins.op !== 'ARG') throw new Error(`line ${ins.line}: ${ins.op} before FROM`);
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  return stages;
}

const execForm = (args: string): string[] | undefined => {
  try {
    const v = JSON.parse(args) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
};

/** What a Dockerfile's final stage configures, as an OCI image config would say it. */
export interface DockerfileConfig {
  readonly from: string;
  readonly adds: readonly string[];
  readonly env: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly exposedPorts: readonly string[];
  readonly entrypoint?: readonly string[];
}

export function dockerfileConfig(text: string): DockerfileConfig {
  const stages = parseDockerfile(text);
  const final = stages[stages.length - 1];
  if (!final) throw new Error('no FROM');
  const last = (op: string) => [...final.instructions].reverse().find((i) => i.op === op)?.args;
  const entry = last('ENTRYPOINT');
  return {
    from: final.from,
    adds: final.instructions.filter((i) => i.op === 'ADD').map((i) => i.args),
    env: final.instructions.filter((i) => i.op === 'ENV').map((i) => i.args),
    workingDir: last('WORKDIR'),
    user: last('USER'),
    exposedPorts: final.instructions.filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args.split(/\s+/)),
    entrypoint: entry === undefined ? undefined : execForm(entry),
  };
}

/**
 * Problems with a controller Dockerfile; empty when it is fine. It must assemble the layers
 * `npm run image` writes (`layerFiles`, in order) onto nothing, run nothing at build time, and
 * run the controller as a numeric non-root user in exec form.
 */
export function dockerfileProblems(text: string, layerFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length !== 1) problems.push(`${stages.length} stages: the layers are built by \`npm run image\`, so one stage assembles them`);
  const c = dockerfileConfig(text);
  if (c.from !== 'scratch') problems.push(`FROM ${c.from}: an image this machine cannot check; the base is the pinned layers, FROM scratch`);
  const expected = layerFiles.map((f) => `${f} /`);
  if (JSON.stringify(c.adds) !== JSON.stringify(expected)) problems.push(`ADD ${c.adds.join(', ')}: expected ${expected.join(', ')}`);
  for (const s of stages) for (const i of s.instructions) if (i.op === 'RUN') problems.push(`line ${i.line}: RUN: nothing runs at build time (no shell in the image)`);
  if (!c.user) problems.push('runs as root (no USER)');
  else if (!/^[1-9]\d*(:\d+)?$/.test(c.user)) problems.push(`USER ${c.user}: use a numeric non-root uid, so Kubernetes can check runAsNonRoot`);
  if (!c.entrypoint) problems.push('ENTRYPOINT: missing or not in exec form');
  return problems;
}
