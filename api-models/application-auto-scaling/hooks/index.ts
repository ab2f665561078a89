import type { ServiceHooks } from '../../../runtime/descriptor';
import { scalableTarget } from './scalable-target';
import { scalingPolicy } from './scaling-policy';

export const hooks: ServiceHooks = {
  ScalableTarget: scalableTarget,
  ScalingPolicy: scalingPolicy,
};
