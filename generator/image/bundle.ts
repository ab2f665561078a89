import { build, type Metafile } from 'esbuild';
import { controllerBundle } from '../build-controller';

/**
 * One file the image runs: generated/<service>/src/main.ts with the runtime, the service's hooks
 * and every npm package it imports (its one AWS SDK client among them) bundled by esbuild, so the
 * image needs no node_modules. `npm run build` makes the same bundle with npm packages left out.
 */

export interface Bundle {
  readonly code: Buffer;
  /** npm packages bundled, by name (e.g. "@aws-sdk/client-sagemaker"). */
  readonly packages: readonly string[];
}

export async function bundle(o: { repo: string; service: string }): Promise<Bundle> {
  const result = await build({
    ...controllerBundle(o.service, o.repo),
    target: 'node22',
    // Production builds of dependencies where they branch on it.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Dead branches go; names and lines stay, so stack traces stay readable.
    minifySyntax: true,
    legalComments: 'eof',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  if (result.errors.length) throw new Error(`bundling ${o.service}: ${result.errors.map((p) => `${p.location?.file ?? ''}:${p.location?.line ?? ''} ${p.text}`).join('; ')}`);
  const [out] = result.outputFiles ?? [];
  if (!out) throw new Error(`bundling ${o.service}: esbuild wrote nothing`);
  return { code: Buffer.from(out.contents), packages: bundledPackages(result.metafile) };
}

/** The npm package of each bundled input (its innermost node_modules/<name> or node_modules/@scope/<name>). */
export function bundledPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.slice(at));
    if (m?.[1]) names.add(m[1]);
  }
  return [...names].sort();
}
