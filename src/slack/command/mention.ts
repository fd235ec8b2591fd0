import { unescapeSlack } from './tokenize.js';

/**
 * A user, channel or user-group reference as `/pulse` receives it: escaped by Slack
 * (`<@U0456|layla>`, `<@U0456>`, `<#C0123|ops>`, `<!subteam^S0789|@leads>`) or typed plainly
 * where Slack did not recognise it (`@layla`, `#ops`).
 */
export type Mention =
  | { kind: 'user'; id: string; label?: string }
  | { kind: 'channel'; id: string; label?: string }
  | { kind: 'usergroup'; id: string; label?: string }
  | { kind: 'userName'; name: string }
  | { kind: 'channelName'; name: string };

/** Reads one token as a mention, or null when it is not one. */
export function readMention(token: string): Mention | null {
  const escaped = /^<([@#])([UWC][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  if (escaped) {
    const label = escaped[3] ? unescapeSlack(escaped[3]) : undefined;
    const kind = escaped[1] === '@' ? 'user' : 'channel';
    return label ? { kind, id: escaped[2]!, label } : { kind, id: escaped[2]! };
  }
  const group = /^<!subteam\^(S[A-Z0-9]+)(?:\|@?([^>]*))?>$/.exec(token);
  if (group) return group[2] ? { kind: 'usergroup', id: group[1]!, label: unescapeSlack(group[2]) } : { kind: 'usergroup', id: group[1]! };
  const plain = /^([@#])(\S+)$/.exec(unescapeSlack(token));
  if (plain) return plain[1] === '@' ? { kind: 'userName', name: plain[2]! } : { kind: 'channelName', name: plain[2]! };
  return null;
}
