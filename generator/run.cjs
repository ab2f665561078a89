#!/usr/bin/env node
// `npm run generate` starts here. It runs the generator from a bundle that esbuild
// rebuilds only when a generator source is newer: plain node starts in a fraction
// of a TypeScript loader's time, and generation runs on every CI build.
'use strict';
// Most of a cold run is V8 compiling the TypeScript compiler that ts-morph loads;
// a compile cache on disk roughly halves it (built into Node 22, a package on 20).
const { enableCompileCache } = require('node:module');
if (enableCompileCache) enableCompileCache();
else require('v8-compile-cache');

const { readdirSync, statSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, '.cache', 'generator', 'cli.cjs');

function newestSource(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.(ts|cjs)$/.test(entry.name) || entry.name.endsWith('.test.ts')) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource([join(root, 'generator'), join(root, 'runtime')]);
  } catch {
    return false;
  }
}

if (!bundleIsFresh()) {
  mkdirSync(join(root, '.cache', 'generator'), { recursive: true });
  require('esbuild').buildSync({
    entryPoints: [join(root, 'generator', 'cli.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  });
}

require(bundle)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
