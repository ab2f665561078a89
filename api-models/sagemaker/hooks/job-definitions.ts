import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';

/** The four monitoring job definitions: no status, no update API. */
const jobDefinition = (kind: string): ResourceHooks => ({ ...immutableKind(kind, `create a new ${kind} with a new jobDefinitionName`) });

export const dataQualityJobDefinition = jobDefinition('DataQualityJobDefinition');
export const modelBiasJobDefinition = jobDefinition('ModelBiasJobDefinition');
export const modelExplainabilityJobDefinition = jobDefinition('ModelExplainabilityJobDefinition');
export const modelQualityJobDefinition = jobDefinition('ModelQualityJobDefinition');
