import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';

/**
 * One file the image runs: generated/<service>/src/main.ts with the runtime, the service's hooks
 * and exactly one AWS SDK client, bundled by esbuild. The runtime loads the client with
 * `require(descriptor.sdk.package)`, which no bundler can follow, so the entry registers the
 * client up front (`provideSdkModule`) and the bundle carries it.
 */

export interface Bundle {
  readonly code: Buffer;
  /** npm packages bundled, by name (e.g. "@aws-sdk/client-sagemaker"). */
  readonly packages: readonly string[];
}

export function entrySource(service: string, sdkPackage: string): string {
  return [
    `require('./runtime/aws/sdk-clients').provideSdkModule(${JSON.stringify(sdkPackage)}, require(${JSON.stringify(sdkPackage)}));`,
    `require('./generated/${service}/src/main');`,
    '',
  ].join('\n');
}

export async function bundle(o: { repo: string; service: string; sdkPackage: string }): Promise<Bundle> {
  const result = await build({
    stdin: { contents: entrySource(o.service, o.sdkPackage), resolveDir: o.repo, sourcefile: `image-entry-${o.service}.js`, loader: 'js' },
    absWorkingDir: o.repo,
    tsconfig: join(o.repo, 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Production builds of dependencies where they branch on it.
    define: { 'process.env.NODE_ENV': '"production"' },
    minifySyntax: true,
    minifyWhitespace: false,
    legalComments: 'eof',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const problems = [...result.errors, ...result.warnings];
  if (result.errors.length) throw new Error(`bundling ${o.service}: ${problems.map((p) => `${p.location?.file ?? ''}:${p.location?.line ?? ''} ${p.text}`).join('; ')}`);
  const [out] = result.outputFiles ?? [];
  if (!out) throw new Error(`bundling ${o.service}: esbuild wrote nothing`);
  return { code: Buffer.from(out.contents), packages: bundledPackages(result.metafile) };
}

/** The npm package of each bundled input (node_modules/<name> or node_modules/@scope/<name>). */
export function bundledPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split('node_modules/').length > 2 ? input.slice(input.lastIndexOf('node_modules/')) : input);
    if (m?.[1]) names.add(m[1]);
  }
  return [...names].sort();
}
