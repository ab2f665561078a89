import type { ServiceHooks } from '../../../runtime/descriptor';
import { table } from './table';

export const hooks: ServiceHooks = { Table: table };
