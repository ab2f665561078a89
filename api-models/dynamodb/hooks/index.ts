import type { ServiceHooks } from '../../../runtime/descriptor';
import { globalTable } from './global-table';
import { table } from './table';

export const hooks: ServiceHooks = { GlobalTable: globalTable, Table: table };
