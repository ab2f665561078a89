import { existsSync } from 'node:fs';
import { join } from 'node:path';

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

/** Problems with a controller Dockerfile for `service`, built from `repo` as context; empty when it is fine. */
export function dockerfileProblems(text: string, service: string, repo: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) problems.push('not multi-stage');
  const names = new Set(stages.map((s) => s.name).filter(Boolean));
  for (const s of stages) {
    const m = /^node:(\d+)\.(\d+)\.(\d+)-(alpine[\d.]*|bookworm-slim|slim)$|^gcr\.io\/distroless\/nodejs(\d+)-debian\d+(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/.exec(s.from);
    if (!m) problems.push(`FROM ${s.from}: not a minimal Node image pinned to an exact version`);
    else if ((m[1] ?? m[5]) !== '22') problems.push(`FROM ${s.from}: not Node 22 LTS`);
  }
  const final = stages[stages.length - 1];
  if (!final) return [...problems, 'no FROM'];
  const user = [...final.instructions].reverse().find((i) => i.op === 'USER');
  if (!user) problems.push('the final stage runs as root (no USER)');
  else if (!/^[1-9]\d*(:\d+)?$/.test(user.args)) problems.push(`USER ${user.args}: use a numeric non-root uid, so Kubernetes can check runAsNonRoot`);
  const entry = [...final.instructions].reverse().find((i) => i.op === 'ENTRYPOINT' || i.op === 'CMD');
  const argv = entry && execForm(entry.args);
  // node, its flags (heap limits), then the built controller.
  const script = `generated/${service}/dist/main.js`;
  const runsController = argv !== undefined && argv[0] === 'node' && argv[argv.length - 1] === script && argv.slice(1, -1).every((a) => a.startsWith('--'));
  if (!runsController) problems.push(`the final stage must run ["node", …flags, "${script}"] in exec form`);
  const runs = stages.flatMap((s) => s.instructions.filter((i) => i.op === 'RUN').map((i) => ({ stage: s, run: i.args })));
  const prodInstall = runs.find((r) => /\bnpm ci\b.*--omit=dev/.test(r.run));
  if (!prodInstall) problems.push('no `npm ci --omit=dev`');
  const modules = final.instructions.find((i) => i.op === 'COPY' && /\bnode_modules\b/.test(i.args));
  if (prodInstall && prodInstall.stage !== final && !(modules && modules.args.includes(`--from=${prodInstall.stage.name}`))) {
    problems.push('the final stage does not take node_modules from the `npm ci --omit=dev` stage');
  }
  if (final.instructions.some((i) => i.op === 'RUN' && /\bnpm (ci|install)\b(?!.*--omit=dev)/.test(i.args))) problems.push('dev dependencies installed in the final stage');
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.op === 'ADD') problems.push(`line ${i.line}: ADD; use COPY`);
      if (i.op !== 'COPY') continue;
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      if (from !== undefined) {
        if (!names.has(from)) problems.push(`line ${i.line}: COPY --from=${from} names no stage`);
        continue;
      }
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const src of parts.slice(0, -1)) if (!existsSync(join(repo, src))) problems.push(`line ${i.line}: COPY ${src}: not in the build context`);
    }
  }
  return problems;
}
