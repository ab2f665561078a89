import type { SdkObject } from '../../../runtime/descriptor';
import { isObject } from '../../../runtime/convert/paths';

/**
 * SageMaker adds its own static hyperparameters (keys starting with "_", e.g. _tuning_objective_metric)
 * to every training job definition it reports; they are not drift (ACK's customSetDefaults).
 */
export function withoutInjectedHyperParameters(output: SdkObject): SdkObject {
  const single = output.TrainingJobDefinition;
  const many = output.TrainingJobDefinitions;
  return {
    ...output,
    ...(isObject(single) ? { TrainingJobDefinition: cleanDefinition(single) } : {}),
    ...(Array.isArray(many) ? { TrainingJobDefinitions: many.map((d) => (isObject(d) ? cleanDefinition(d) : d)) } : {}),
  };
}

function cleanDefinition(def: SdkObject): SdkObject {
  const params = def.StaticHyperParameters;
  if (!isObject(params)) return def;
  return { ...def, StaticHyperParameters: Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith('_'))) };
}
