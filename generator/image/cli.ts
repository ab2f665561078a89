// npm run image -- <service>... [--out DIR]
// Builds ack-ts/<service>-controller:<version> as an OCI archive, without Docker: see README "Images".
import { buildImage, DEFAULT_OUT_DIR, summary } from './build';

const USAGE = `usage: npm run image -- <service>... [--out DIR]

Builds ack-ts/<service>-controller:<version> as an OCI archive (load it with \`podman load -i FILE\`).
The same commit gives the same digest. Base layers are cached in ~/.cache/ack-ts/image.

  --out DIR   where the archive and the Docker build context go (default: ${DEFAULT_OUT_DIR} in the repository)
  -h, --help  this text
`;

export function parseArgs(argv: readonly string[]): { services: string[]; outDir?: string } | { help: true } | { error: string } {
  const services: string[] = [];
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') return { help: true };
    if (a === '--out') {
      const v = argv[++i];
      if (!v) return { error: '--out needs a directory' };
      outDir = v;
    } else if (a.startsWith('--out=')) outDir = a.slice('--out='.length);
    else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else services.push(a);
  }
  if (services.length === 0) return { error: 'name at least one service' };
  return { services, ...(outDir ? { outDir } : {}) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    process.stdout.write(USAGE);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`error: ${args.error}\n${USAGE}`);
    process.exit(2);
  }
  for (const service of args.services) {
    process.stderr.write(`[image] ${service}: building\n`);
    const built = await buildImage({ service, outDir: args.outDir });
    process.stdout.write(summary(built) + '\n');
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  });
}
