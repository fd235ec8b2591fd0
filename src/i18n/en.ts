/**
 * The English catalog: every user-facing string of the Slack app, the charts and the CSV
 * headers, keyed by meaning. Each area keeps its strings in its own file (`en/<area>.ts`);
 * `ar.ts` must have the same shape (the `Catalog` type makes the compiler check it).
 */
import { common } from './en/common.js';
import { answers } from './en/answers.js';
import { blocks } from './en/blocks.js';
import { charts } from './en/charts.js';
import { command } from './en/command.js';
import { home } from './en/home.js';
import { pulse } from './en/pulse.js';
import { tables } from './en/tables.js';
import { team } from './en/team.js';

export const en = {
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
