// Straight and curly quotes: Slack clients on macOS and phones turn "…" into “…” as people type.
const CLOSING: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“' };

export type Tokens = { ok: true; tokens: string[] } | { ok: false; unclosed: string };

/**
 * Splits command text on whitespace. A quoted stretch (`agent:"Layla Haddad"`) stays in one
 * token, without its quotes; a Slack entity (`<@U0456|layla>`, `<#C0123|ops>`) is one piece
 * even if its label has spaces. Entities are kept verbatim, and `&amp;`/`&lt;`/`&gt;` are left
 * escaped: with should_escape a raw `<` only ever opens an entity, so unescaping must wait
 * until entities have been read (see unescapeSlack).
 */
export function tokenize(text: string): Tokens {
  const tokens: string[] = [];
  let current: string | null = null;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (current !== null) tokens.push(current);
      current = null;
      i++;
      continue;
    }
    current ??= '';
    if (ch in CLOSING) {
      const end = text.indexOf(CLOSING[ch]!, i + 1);
      const alt = ch === '“' ? text.indexOf('"', i + 1) : -1;
      const stop = end === -1 ? alt : alt === -1 ? end : Math.min(end, alt);
      if (stop === -1) return { ok: false, unclosed: current + text.slice(i) };
      current += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '<' && text.indexOf('>', i) !== -1) {
      const end = text.indexOf('>', i);
      current += text.slice(i, end + 1);
      i = end + 1;
    } else {
      current += ch;
      i++;
    }
  }
  if (current !== null) tokens.push(current);
  return { ok: true, tokens };
}

/** Undoes Slack's escaping of typed `&`, `<` and `>` (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
