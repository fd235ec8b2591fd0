import type { KnownBlock } from '@slack/types';

/**
 * A Slack message as terminal text, for `demo --slack`: headers underlined, fields as
 * "label: value" lines, context lines indented, images and buttons named. Close enough to read
 * the numbers; the Builder link shows the real layout.
 */
export function messageAsText(blocks: KnownBlock[]): string {
  const lines: string[] = [];
  // Slack mrkdwn → terminal: bold markers off, links as their labels, entities back to characters.
  const plain = (s: string) =>
    s
      .replace(/\*([^*\n]+)\*/g, '$1')
      .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const b of blocks) {
    switch (b.type) {
      case 'header':
        lines.push(b.text.text, '─'.repeat(Math.min(60, b.text.text.length)));
        break;
      case 'section':
        if (b.text) lines.push(plain(b.text.text));
        for (const f of b.fields ?? []) lines.push(`  ${plain(f.text).replace('\n', ': ')}`);
        break;
      case 'context':
        lines.push(...b.elements.map((e) => `  ${'text' in e ? plain(e.text) : ''}`));
        break;
      case 'image':
        lines.push(`  [chart: ${b.title?.text ?? b.alt_text.slice(0, 60)} — ${'image_url' in b ? b.image_url : 'file'}]`);
        break;
      case 'actions':
        lines.push(`  [${b.elements.map((e) => ('text' in e && e.text ? e.text.text : e.type)).join('] [')}]`);
        break;
      case 'divider':
        lines.push('');
        break;
      default:
        lines.push(`  [${b.type}]`);
    }
  }
  return lines.join('\n');
}
