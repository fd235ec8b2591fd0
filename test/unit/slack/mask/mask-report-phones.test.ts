import { describe, expect, it } from 'vitest';
import type {
  AgentsReport, BusyHoursReport, ContactsReport, ConversationsReport, FailuresReport, LiveReport, MessagesReport, OverviewReport, ReportResult,
} from '../../../../src/metrics/index.js';
import { maskReportPhones } from '../../../../src/slack/mask/index.js';

// Hand-made reports with just the fields that matter here (the rest is irrelevant to masking).
const window = { from: '2026-11-23T20:00:00.000Z', to: '2026-11-30T20:00:00.000Z', tz: 'Asia/Dubai' };
// phone_number_id is Meta's id of a number, not a number: it must survive unmasked
const ID = '106540352242922';
const filters = { channel: ID };
const counts = { sent: 10, delivered: 9, read: 5, received: 7, failed: 1 };

const messages = {
  report: 'messages', window, filters, ...counts,
  byChannel: [
    { channel: ID, displayPhoneNumber: '+971 50 123 4567', ...counts, billable: { total: 3, byCategory: [] } },
    { channel: null, displayPhoneNumber: null, ...counts, billable: { total: 0, byCategory: [] } },
  ],
  days: [{ date: '2026-11-24', sent: 10, delivered: 9, read: 5, received: 7 }],
} as unknown as MessagesReport;

const failures = {
  report: 'failures', window, filters, failed: 2, sent: 10,
  byChannel: [{ channel: ID, displayPhoneNumber: '15550783881', failed: 2, sent: 10, failureRate: { value: 0.2, numerator: 2, denominator: 10 } }],
  byCode: [{ code: 131026, title: 'Message undeliverable', class: 'Undeliverable', count: 2 }],
} as unknown as FailuresReport;

const contact = (waId: string | null, name: string | null) => ({ contactId: 1, waId, userId: 'AE.4418839', name });
const live: LiveReport = {
  report: 'live',
  now: '2026-11-30T08:00:00.000Z',
  filters,
  assignees: [{
    agentId: 'ana', name: 'Ana', team: 'sales', count: 1,
    conversations: [{
      ...contact('971501234567', 'Omar'), conversationId: 7, phoneNumberId: ID,
      openedAt: '2026-11-30T07:00:00.000Z', assignedAt: '2026-11-30T07:01:00.000Z', secondsSinceAssignment: 3540,
    }],
  }],
  assignedOpen: 1,
  unassignedOpen: 2,
  queue: [
    {
      // a profile name that is just the number, and a preview with another number in it
      ...contact('966501234567', '+966 50 123 4567'), conversationId: 8, phoneNumberId: ID,
      openedAt: '2026-11-30T07:50:00.000Z', waitingSince: '2026-11-30T07:50:00.000Z', waitingSeconds: 600,
      lastMessageAt: '2026-11-30T07:55:00.000Z', lastMessagePreview: 'call me on 0559876543 after 5',
    },
    {
      ...contact(null, null), conversationId: 9, phoneNumberId: null,
      openedAt: '2026-11-30T07:58:00.000Z', waitingSince: '2026-11-30T07:58:00.000Z', waitingSeconds: 120, lastMessageAt: null, lastMessagePreview: null,
    },
  ],
};

describe('maskReportPhones', () => {
  it('masks the business numbers of messages by channel, keeping the phone_number_id', () => {
    const m = maskReportPhones(messages) as MessagesReport;
    // 971501234567: 12 digits → first 5, •••, last 4
    expect(m.byChannel.map((c) => [c.channel, c.displayPhoneNumber])).toEqual([[ID, '+97150•••4567'], [null, null]]);
    expect(m.filters).toEqual({ channel: ID });
    expect(m.sent).toBe(10);
  });

  it('masks the business numbers of failures by channel', () => {
    const f = maskReportPhones(failures) as FailuresReport;
    // 15550783881: 11 digits → first 4, •••, last 4
    expect(f.byChannel).toEqual([{ ...failures.byChannel[0], displayPhoneNumber: '+1555•••3881' }]);
    expect(f.byCode).toEqual(failures.byCode);
  });

  it('masks contacts in the live queue and in the assignees\' conversations, names and previews included', () => {
    const l = maskReportPhones(live) as LiveReport;
    expect(l.assignees[0]!.conversations[0]).toMatchObject({ waId: '+97150•••4567', name: 'Omar', userId: 'AE.4418839', phoneNumberId: ID, conversationId: 7 });
    expect(l.queue[0]).toMatchObject({
      waId: '+96650•••4567', name: '+96650•••4567',
      // 0559876543: 10 digits → first 3, •••, last 4
      lastMessagePreview: 'call me on +055•••6543 after 5',
      phoneNumberId: ID, waitingSeconds: 600,
    });
    expect(l.queue[1]).toEqual(live.queue[1]);
    const json = JSON.stringify(l);
    for (const raw of ['971501234567', '966501234567', '0559876543', '+966 50 123 4567']) expect(json).not.toContain(raw);
    expect(json).toContain(ID);
  });

  it('returns a copy: the report given is not changed', () => {
    const before = JSON.stringify(live);
    maskReportPhones(live);
    maskReportPhones(messages);
    expect(JSON.stringify(live)).toBe(before);
    expect(messages.byChannel[0]!.displayPhoneNumber).toBe('+971 50 123 4567');
  });

  it('leaves reports without phone numbers as they are', () => {
    const others = [
      { report: 'overview', window, filters, kpis: {} },
      { report: 'agents', window, filters, agents: [{ id: 'ana', name: 'Ana' }], ranking: ['ana'] },
      { report: 'busy-hours', window, filters, days: 7 },
      { report: 'contacts', window, filters, ignoredFilters: [] },
      { report: 'conversations', window, filters, unresolved: 3 },
    ] as unknown as (OverviewReport | AgentsReport | BusyHoursReport | ContactsReport | ConversationsReport)[];
    for (const r of others) expect(maskReportPhones(r as ReportResult)).toEqual(r);
  });
});
