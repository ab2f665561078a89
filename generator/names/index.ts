export { names, jsonName, type Names } from './names';
export { pluralOf, kebabCase, apiGroup } from './kube';
