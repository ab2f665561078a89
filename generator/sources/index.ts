export { type LockedModel, type ModelsLock, formatLock, parseLock, readLock } from './lock';
export { knownServices, locateModel } from './locate';
export { type Fetch, type ModelsDirSource, type ResolveModelsDirOptions, chooseModelsDir, resolveModelsDir } from './models-dir';
export { readModel } from './read';
export { sha256Hex } from './hash';
export { modelUrl, newestVersion, pickModelFile } from './layout';
