import type { ActionsBlock, Button, ContextBlock, HeaderBlock, ImageBlock, KnownBlock, SectionBlock } from '@slack/types';
import { messages } from '../../i18n/index.js';
import { ACTION_IDS } from './action-ids.js';
import { LIMITS } from './limits.js';
import type { BuildContext } from './types.js';

/**
 * Small Block Kit pieces every builder shares. Each cuts its text to Slack's limit (with …) so a
 * long agent name can never make Slack refuse a whole answer; builders still paginate long lists.
 */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack mrkdwn treats &, < and > as control characters: escape what came from data (names, notes). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: cut(text, LIMITS.header), emoji: true } };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(mrkdwn, LIMITS.sectionText) } };
}

/** Label/value pairs as section fields, 10 to a section (Slack's limit), two columns on desktop. */
export function fieldSections(pairs: [label: string, value: string][]): SectionBlock[] {
  const out: SectionBlock[] = [];
  for (let i = 0; i < pairs.length; i += LIMITS.fields) {
    out.push({
      type: 'section',
      fields: pairs.slice(i, i + LIMITS.fields).map(([label, value]) => ({
        type: 'mrkdwn' as const,
        text: cut(`*${label}*\n${value}`, LIMITS.fieldText),
      })),
    });
  }
  return out;
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: cut(t, LIMITS.sectionText) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** The chart as an image block, when the caller published one; alt text carries the numbers. */
export function chartImage(url: string, title: string, altText: string): ImageBlock {
  return {
    type: 'image',
    image_url: url,
    alt_text: cut(altText, LIMITS.altText),
    title: { type: 'plain_text', text: cut(title, LIMITS.header) },
  };
}

/**
 * The blocks that show (or point to) the chart, by how it is delivered, followed by its numbers
 * in text — every chart's numbers are readable without the picture (SPEC "Slack").
 */
export function chartBlocks(ctx: BuildContext, title: string, chartText: string): KnownBlock[] {
  const m = messages(ctx.locale).blocks;
  const numbers = section(chartText);
  switch (ctx.chart.kind) {
    case 'image':
      return [chartImage(ctx.chart.url, title, chartText), numbers];
    case 'file':
      return [context(m.chartBelow), numbers];
    case 'dm':
      return [context(m.chartInDm), numbers];
    case 'none':
      return [numbers];
    default: {
      const never: never = ctx.chart;
      throw new Error(`unknown chart delivery ${JSON.stringify(never)}`);
    }
  }
}

function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', text: { type: 'plain_text', text: cut(text, LIMITS.buttonText) }, action_id: actionId, value: cut(value, LIMITS.buttonValue) };
}

/** "Download CSV" and "Share to channel", carrying the command to re-run; none when ctx has no actions. */
export function answerActions(ctx: BuildContext): ActionsBlock[] {
  const m = messages(ctx.locale).blocks;
  const elements: Button[] = [];
  if (ctx.actions?.csv) elements.push(button(m.downloadCsv, ACTION_IDS.csv, ctx.actions.csv));
  if (ctx.actions?.share) elements.push(button(m.shareToChannel, ACTION_IDS.share, ctx.actions.share));
  return elements.length ? [{ type: 'actions', elements }] : [];
}

/** Bold label for mrkdwn, escaped. */
export function bold(text: string): string {
  return `*${escapeText(text)}*`;
}
