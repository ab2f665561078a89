import { GeneratorError } from '../errors';

/**
 * api-models/sdk-versions.json: the exact version of each AWS SDK v3 client a generated
 * controller depends on, by package name. Read, never queried: generation stays offline and
 * repeatable. Every entry must be an exact version (no ranges).
 */
export function parseSdkVersions(text: string, file: string): Readonly<Record<string, string>> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new GeneratorError({ file }, `not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new GeneratorError({ file }, 'must be an object of package name → exact version');
  }
  for (const [pkg, version] of Object.entries(doc)) {
    if (!pkg.startsWith('@aws-sdk/client-')) throw new GeneratorError({ file, at: pkg }, 'is not an AWS SDK v3 client package (@aws-sdk/client-*)');
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
      throw new GeneratorError({ file, at: pkg }, `"${String(version)}" is not an exact version`, 'pin one release, e.g. "3.1178.0"');
    }
  }
  return doc as Record<string, string>;
}
