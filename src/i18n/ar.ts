/**
 * The Arabic catalog. Written as Arabic, not word-by-word from the English: right-to-left,
 * Western digits (0–9) in numbers, as Gulf business Slack workspaces write them.
 */
import type { Catalog } from './catalog.js';
import { common } from './ar/common.js';
import { answers } from './ar/answers.js';
import { blocks } from './ar/blocks.js';
import { charts } from './ar/charts.js';
import { command } from './ar/command.js';
import { home } from './ar/home.js';
import { pulse } from './ar/pulse.js';
import { tables } from './ar/tables.js';
import { team } from './ar/team.js';

export const ar: Catalog = {
  common,
  answers,
  blocks,
  charts,
  command,
  home,
  pulse,
  tables,
  team,
};
