/**
 * The English catalog: every user-facing string of the Slack app, the charts and the CSV
 * headers, keyed by meaning. Each area keeps its strings in its own file (`en/<area>.ts`);
 * `ar.ts` must have the same shape (the `Catalog` type makes the compiler check it).
 */
import { charts } from './en/charts.js';
import { common } from './en/common.js';
import { tables } from './en/tables.js';

export const en = {
  charts,
  common,
  tables,
};
