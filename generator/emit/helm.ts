import { imageRepository as serviceImageRepository } from '../image/spec';
import type { ServiceModel } from '../model/types';
import { toRbacRules } from './rbac';
import { renderTree, templateTree, type TemplateTree } from './templates';

/**
 * ServiceModel → the service's Helm chart, under helm/: Chart.yaml, values.yaml,
 * values.schema.json and _generated.tpl are rendered from the model; the other
 * chart templates are copied from templates/helm/; crds/ holds the very CRD files
 * generated for crds/.
 */

export interface HelmInput {
  readonly model: ServiceModel;
  /** The generated CRDs: `crds/<file>.yaml` → content. */
  readonly crds: ReadonlyMap<string, string>;
  /** Chart version and appVersion (the image tag). */
  readonly version: string;
  /** Human name of the service, e.g. "SageMaker". */
  readonly title: string;
}

export const appName = (model: ServiceModel) => `ack-${model.service}-controller`;
export const imageRepository = (model: ServiceModel) => serviceImageRepository(model.service);

export function helmFiles(input: HelmInput, tree: TemplateTree = templateTree('helm')): Map<string, string> {
  const { model } = input;
  const kinds = model.resources.map((r) => r.kind).sort();
  const data = {
    service: model.service,
    group: model.group,
    title: input.title,
    version: input.version,
    chartName: `${model.service}-chart`,
    appName: appName(model),
    imageRepository: imageRepository(model),
    kinds,
    firstKind: kinds[0] ?? 'Kind',
    rules: toRbacRules(model),
  };
  const files = new Map<string, string>();
  for (const [path, content] of renderTree(tree, data)) files.set(`helm/${path}`, content);
  for (const [path, content] of input.crds) if (path.startsWith('crds/')) files.set(`helm/${path}`, content);
  return files;
}
