/**
 * Pure helpers for the aws/api-models-aws layout:
 * <service>/service/<version>/<service>-<version>.json
 */

/** The newest version folder: versions are ISO dates, so the last in sort order. */
export function newestVersion(versions: readonly string[]): string | undefined {
  return [...versions].sort().at(-1);
}

/** The model file of a version folder: <service>-<version>.json, else the only <service>-*.json. */
export function pickModelFile(service: string, version: string, files: readonly string[]): string | undefined {
  const exact = `${service}-${version}.json`;
  if (files.includes(exact)) return exact;
  const candidates = files.filter((f) => f.startsWith(`${service}-`) && f.endsWith('.json')).sort();
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function modelUrl(repository: string, ref: string, path: string, base = 'https://raw.githubusercontent.com'): string {
  return `${base}/${repository}/${ref}/${path}`;
}
