import type { KnownBlock } from '@slack/types';
import type { BuildContext, SlackMessage } from '../../../../src/slack/blocks/types.js';

/**
 * What the inbox-wide answer tests share: one week in Dubai (UTC+4 all year, so local midnight
 * of 24 Nov is 23 Nov 20:00 UTC) and a way to read every text a message shows.
 */
export const WEEK = { from: '2026-11-23T20:00:00.000Z', to: '2026-11-30T20:00:00.000Z', tz: 'Asia/Dubai' };
export const WEEK_TEXT_EN = 'Tue 24 Nov 2026 – Mon 30 Nov 2026 (7 days, Asia/Dubai)';

export const NOW = new Date('2026-12-01T10:05:00.000Z');

export function ctxFor(locale: 'en' | 'ar', chart: BuildContext['chart'] = { kind: 'none' }, actions?: BuildContext['actions']): BuildContext {
  return { locale, chart, now: NOW, ...(actions ? { actions } : {}) };
}

/** Every text of one block: header, section text and fields, context elements, image alt text. */
export function blockTexts(b: KnownBlock): string[] {
  switch (b.type) {
    case 'header':
      return [b.text.text];
    case 'section':
      return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
    case 'context':
      return b.elements.map((e) => ('text' in e ? e.text : ''));
    case 'image':
      return [b.alt_text];
    default:
      return [];
  }
}

/** All texts of a message, for "this number appears" assertions. */
export function texts(msg: SlackMessage): string[] {
  return msg.blocks.flatMap(blockTexts);
}

/** The field whose bold label is `label`: "*Sent*\n900   ▼ 10 %" → "900   ▼ 10 %" (mark and all kept). */
export function field(msg: SlackMessage, label: string): string | undefined {
  for (const b of msg.blocks) {
    if (b.type !== 'section') continue;
    for (const f of b.fields ?? []) {
      if (f.text.startsWith(`*${label}*`)) return f.text.slice(label.length + 2);
    }
  }
  return undefined;
}

/** The section whose text starts with `title`. */
export function sectionStarting(msg: SlackMessage, title: string): string | undefined {
  for (const b of msg.blocks) if (b.type === 'section' && b.text?.text.startsWith(title)) return b.text.text;
  return undefined;
}

/** Western digits only: no Arabic-Indic (٠–٩) or Eastern Arabic-Indic (۰–۹) digit anywhere. */
export const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/;
export const ARABIC_LETTERS = /[\u0621-\u064A]/;
