import type { AgentsReport } from '../../metrics/agents.js';

/** Agents per message: 15 rows keep an answer well inside Slack's 50 blocks and readable on a phone. */
export const AGENTS_PER_PAGE = 15;

export type AgentsPage = {
  /** the report with only this page's rows (and ranking), in ranking order */
  report: AgentsReport;
  /** 1-based, clamped into 1..pages */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown; 0 and 0 when there are no agents */
  first: number;
  last: number;
};

/**
 * Page `page` (1-based) of the agents in ranking order. An out-of-range page (a stale button
 * after the data changed) is clamped to the nearest page rather than answered empty. The caller
 * renders the chart from `report` too, so picture and table show the same agents.
 */
export function agentsPage(r: AgentsReport, page = 1): AgentsPage {
  const pages = Math.max(1, Math.ceil(r.agents.length / AGENTS_PER_PAGE));
  const p = Math.min(pages, Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)));
  const start = (p - 1) * AGENTS_PER_PAGE;
  const agents = r.agents.slice(start, start + AGENTS_PER_PAGE);
  return {
    report: { ...r, agents, ranking: agents.map((a) => a.id) },
    page: p,
    pages,
    first: agents.length ? start + 1 : 0,
    last: start + agents.length,
  };
}

/**
 * The "Next page" button's value: the page to show, a space, then the command to re-run
 * (e.g. `2 agents 7d team:sales`); just `2` when there is no command. parsePageValue reads it.
 */
export function pageButtonValue(page: number, command?: string): string {
  return command ? `${page} ${command}` : String(page);
}

/** The page and command of a "Next page" button's value; null when it is not one of ours. */
export function parsePageValue(value: string): { page: number; command: string } | null {
  const match = /^(\d+)(?: (.*))?$/s.exec(value);
  if (!match) return null;
  const page = Number(match[1]);
  return page >= 1 ? { page, command: match[2] ?? '' } : null;
}
