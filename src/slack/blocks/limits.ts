import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from './types.js';

/**
 * Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks): a message holds at most
 * 50 blocks (a Home tab 100), section text 3,000 characters, 10 fields of 2,000 each, header 150,
 * image alt text 2,000, context 10 elements, actions 25 elements, button text 75 and value 2,000.
 */
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  altText: 2000,
  contextElements: 10,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 40_000,
} as const;

/** Every way `message` breaks Slack's limits, as readable lines; [] when it fits. */
export function blockKitProblems(message: SlackMessage, surface: 'message' | 'home' = 'message'): string[] {
  const problems: string[] = [];
  const max = surface === 'home' ? LIMITS.homeBlocks : LIMITS.messageBlocks;
  if (message.blocks.length > max) problems.push(`${message.blocks.length} blocks (max ${max})`);
  if (!message.text) problems.push('no fallback text');
  if (message.text.length > LIMITS.fallbackText) problems.push(`fallback text ${message.text.length} chars`);
  message.blocks.forEach((b, i) => problems.push(...blockProblems(b).map((p) => `block ${i} (${b.type}): ${p}`)));
  return problems;
}

function blockProblems(b: KnownBlock): string[] {
  const p: string[] = [];
  const over = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) p.push(`${what} ${text.length} chars (max ${max})`);
  };
  switch (b.type) {
    case 'header':
      over('header', b.text.text, LIMITS.header);
      break;
    case 'section':
      over('text', b.text?.text, LIMITS.sectionText);
      if ((b.fields?.length ?? 0) > LIMITS.fields) p.push(`${b.fields!.length} fields (max ${LIMITS.fields})`);
      b.fields?.forEach((f, i) => over(`field ${i}`, f.text, LIMITS.fieldText));
      if (!b.text && !b.fields?.length) p.push('section with neither text nor fields');
      break;
    case 'image':
      over('alt text', b.alt_text, LIMITS.altText);
      over('title', b.title?.text, LIMITS.header);
      break;
    case 'context':
      if (b.elements.length > LIMITS.contextElements) p.push(`${b.elements.length} elements (max ${LIMITS.contextElements})`);
      b.elements.forEach((e, i) => 'text' in e && over(`element ${i}`, e.text, LIMITS.sectionText));
      break;
    case 'actions':
      if (b.elements.length > LIMITS.actionElements) p.push(`${b.elements.length} elements (max ${LIMITS.actionElements})`);
      for (const e of b.elements) {
        if (e.type !== 'button') continue;
        over('button text', e.text.text, LIMITS.buttonText);
        over('button value', e.value, LIMITS.buttonValue);
      }
      break;
    default:
      break;
  }
  return p;
}
