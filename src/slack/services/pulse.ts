import { messages, type Locale } from '../../i18n/index.js';
import { runReport, type AgentsReport, type ReportName } from '../../metrics/index.js';
import { agentsPage } from '../blocks/agents-page.js';
import { helpAnswer } from '../blocks/help.js';
import { meAnswer } from '../blocks/me.js';
import { csvSent, noAgentLink, problem, refusedNotSupervisor, sharedToChannel, workingOnIt } from '../blocks/notices.js';
import type { BuildContext, SlackMessage } from '../blocks/types.js';
import { parsePulse, pulseProblemText, type PulseCommand } from '../command/index.js';
import { answerMessage } from './answer-message.js';
import { callerLocale } from './caller-locale.js';
import { withFilterNames } from './filter-names.js';
import { planChart } from './chart-delivery.js';
import { sendCsv } from './csv-export.js';
import { reportRequest } from './report-request.js';
import { requestProblemText } from './request-problem-text.js';
import { guarded, reply, workingNotice } from './slack-guard.js';
import type { Caller, SlackServices } from './types.js';
import { visibleReport } from './visible-report.js';

type Asked = Extract<PulseCommand, { kind: 'report' | 'me' }>;

/**
 * Answers one `/pulse …` (typed, or re-run by a button with `share`/`csv` added). The
 * listener has already acked, so nothing here races Slack's 3-second limit: the answer is
 * built from runReport — the same JSON as `wapulse report` — and delivered through
 * response_url (ephemeral) or the Web API (shared answers, files).
 */
export async function handlePulse(svc: SlackServices, caller: Caller, text: string, opts: { page?: number } = {}): Promise<void> {
  const cmd = parsePulse(text);
  const locale = await callerLocale(svc, caller.userId, cmd.kind === 'report' || cmd.kind === 'me' ? cmd.lang : undefined);
  switch (cmd.kind) {
    case 'help':
      return reply(svc, caller, helpAnswer(locale));
    case 'problem':
      return reply(svc, caller, problem(locale, pulseProblemText(cmd.problem, locale)));
    case 'report':
    case 'me':
      return guarded(svc, caller, locale, () => answer(svc, caller, cmd, locale, { text, page: opts.page ?? 1 }));
    default: {
      const never: never = cmd;
      throw new Error(`unknown /pulse command ${JSON.stringify(never)}`);
    }
  }
}

async function answer(svc: SlackServices, caller: Caller, cmd: Asked, locale: Locale, opts: { text: string; page: number }): Promise<void> {
  const started = performance.now();
  const working = workingNotice(svc, caller, workingOnIt(locale));
  try {
    const built = await build(svc, caller, cmd, locale, opts);
    if (built.kind === 'notice') {
      await reply(svc, caller, { ...built.message, replace_original: await working.shown() });
      return;
    }
    if (cmd.share) {
      await svc.client.chat.postMessage({ channel: caller.channelId, blocks: built.message.blocks, text: built.message.text });
      await built.after?.(caller.channelId);
      if (await working.shown()) await reply(svc, caller, { ...sharedToChannel(locale), replace_original: true });
    } else {
      await reply(svc, caller, { ...built.message, replace_original: await working.shown() });
    }
    svc.metrics.pulseAnswerSeconds.observe({ command: cmd.kind === 'me' ? 'me' : cmd.report }, (performance.now() - started) / 1000);
  } finally {
    working.stop();
  }
}

type Built =
  | { kind: 'notice'; message: SlackMessage }
  | { kind: 'answer'; message: SlackMessage; after?: (channelId: string) => Promise<void> };

async function build(svc: SlackServices, caller: Caller, cmd: Asked, locale: Locale, opts: { text: string; page: number }): Promise<Built> {
  const notice = (message: SlackMessage): Built => ({ kind: 'notice', message });
  // Team-wide numbers are for supervisors; anyone may see their own (/pulse me).
  if (cmd.kind === 'report' && !(await svc.supervisors.isSupervisor(caller.userId))) return notice(refusedNotSupervisor(locale));
  const agent = cmd.kind === 'me' ? await svc.agents.agentForSlackUser(caller.userId) : null;
  if (cmd.kind === 'me' && !agent) return notice(noAgentLink(locale));

  const name: ReportName = cmd.kind === 'me' ? 'agents' : cmd.report;
  // An agent's export holds their own row only; their answer ranks them among all agents.
  const filters = cmd.kind === 'me' ? (cmd.csv ? { agent: { kind: 'name' as const, name: agent!.id } } : {}) : cmd.filters;
  const request = await reportRequest(svc, name, cmd.period, filters);
  if (!request.ok) return notice(problem(locale, requestProblemText(request.problem, locale, svc.config.showPhoneNumbers)));
  const raw = await runReport(svc.reports.db, request.name, request.query, { now: svc.now(), ...svc.config.reports });
  const result = visibleReport(svc, raw);

  if (cmd.csv) {
    await sendCsv(svc, caller.userId, result, locale);
    return notice(csvSent(locale));
  }
  // A page of agents charts that page's agents, so the picture matches the table beside it.
  const charted = result.report === 'agents' && cmd.kind === 'report' ? agentsPage(result, opts.page).report : result;
  const plan = await planChart(svc, charted, { share: cmd.share, userId: caller.userId, locale, title: messages(locale).pulse.chartTitle[result.report] });
  const rerun = withoutTokens(opts.text);
  const ctx: BuildContext = {
    locale,
    chart: plan.delivery,
    now: svc.now(),
    actions: cmd.share ? undefined : { csv: rerun, share: rerun },
  };
  const message =
    cmd.kind === 'me'
      ? meAnswer(result as AgentsReport, agent!.id, ctx)
      : answerMessage(await withFilterNames(svc, result), ctx, { page: opts.page, command: rerun, tz: svc.config.reports.tz });
  return { kind: 'answer', message, after: plan.after };
}

// The command a button re-runs: the same words without `share`/`csv` (the button adds its own).
function withoutTokens(text: string): string {
  return text
    .split(/\s+/)
    .filter((t) => t && !/^(share|csv)$/i.test(t))
    .join(' ');
}
