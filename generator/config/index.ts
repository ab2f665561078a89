export { loadGeneratorConfig, readGeneratorConfig } from './load';
export { generatorConfigSchema } from './schema';
export * from './types';
