import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A tiny valid Smithy model for service `name` (tests only). */
export function tinyModel(name: string): string {
  return JSON.stringify({
    smithy: '2.0',
    shapes: { [`com.amazonaws.${name.replace(/-/g, '')}#Svc`]: { type: 'service', version: '2020-01-01' } },
  });
}

/** A temp models dir holding `files` (layout path → contents). */
export function modelsDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ack-ts-models-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
