/**
 * The Arabic catalog. Written as Arabic, not word-by-word from the English: right-to-left,
 * Western digits (0–9) in numbers, as Gulf business Slack workspaces write them.
 */
import type { Catalog } from './catalog.js';
import { charts } from './ar/charts.js';
import { common } from './ar/common.js';
import { tables } from './ar/tables.js';

export const ar: Catalog = {
  charts,
  common,
  tables,
};
