import type { MessageCounts, MessagesChannel, MessagesReport } from '../../metrics/messages.js';
import { count, date, rate, tableOf, text, type Column, type ReportSections } from '../columns.js';

/** The message metrics every scope shares (all channels, one channel). */
const counts = <T extends MessageCounts>(): Column<T>[] => [
  count('received', (r) => r.received),
  count('reactions', (r) => r.reactions),
  count('sent', (r) => r.sent),
  count('delivered', (r) => r.delivered),
  count('read', (r) => r.read),
  count('failed', (r) => r.failed),
  rate('deliveryRate', (r) => r.deliveryRate),
  rate('readRate', (r) => r.readRate),
  rate('failureRate', (r) => r.failureRate),
  rate('engagement', (r) => r.engagement),
  count('insideWindow', (r) => r.insideWindow, { label: 'inside 24 h window' }),
  count('outsideWindow', (r) => r.outsideWindow, { label: 'outside 24 h window' }),
];

const channel = <T extends { channel: string | null; displayPhoneNumber: string | null }>(): Column<T>[] => [
  text('channel', (r) => r.channel),
  text('displayPhoneNumber', (r) => r.displayPhoneNumber, { label: 'number' }),
];

export const messagesSections: ReportSections<MessagesReport> = {
  main: 'totals',
  sections: {
    totals: {
      describe: 'one row: every message metric over all channels',
      single: true,
      table: (r) => tableOf([r], [...counts<MessagesReport>(), count('billable', (x) => x.billable.total)]),
    },
    days: {
      describe: 'one row per local day: sent, delivered, read, received',
      table: (r) => tableOf(r.days, [
        date('date', (d) => d.date), count('sent', (d) => d.sent), count('delivered', (d) => d.delivered),
        count('read', (d) => d.read), count('received', (d) => d.received),
      ]),
    },
    byChannel: {
      describe: 'one row per business number: every message metric',
      table: (r) => tableOf(r.byChannel, [...channel<MessagesChannel>(), ...counts<MessagesChannel>(), count('billable', (c) => c.billable.total)]),
    },
    billable: {
      describe: 'one row per pricing category: billable messages sent',
      table: (r) => tableOf(r.billable.byCategory, [text('category', (b) => b.category, { blank: 'none given' }), count('count', (b) => b.count)]),
    },
    billableByChannel: {
      describe: 'one row per business number and pricing category',
      inTable: false,
      table: (r) => tableOf(
        r.byChannel.flatMap((c) => c.billable.byCategory.map((b) => ({ ...b, channel: c.channel, displayPhoneNumber: c.displayPhoneNumber }))),
        [...channel<{ channel: string | null; displayPhoneNumber: string | null; category: string | null; count: number }>(), text('category', (b) => b.category, { blank: 'none given' }), count('count', (b) => b.count)],
      ),
    },
  },
};
