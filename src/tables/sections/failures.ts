import type { FailuresReport } from '../../metrics/failures.js';
import { count, date, entries, rate, tableOf, text, type ReportSections } from '../columns.js';

export const failuresSections: ReportSections<FailuresReport> = {
  main: 'byCode',
  sections: {
    byCode: {
      describe: 'one row per error code: failures in the window',
      table: (r) => tableOf(r.byCode, [
        text('code', (c) => c.code, { blank: 'no code' }), text('title', (c) => c.title, { maxWidth: 48 }),
        text('class', (c) => c.class, { csvOnly: true }), count('count', (c) => c.count),
      ]),
    },
    totals: {
      describe: 'one row: failed, the sent cohort, its failure rate, webhook errors',
      single: true,
      table: (r) => tableOf([r], [
        count('failed', (x) => x.failed), count('sent', (x) => x.sent), rate('failureRate', (x) => x.failureRate),
        count('webhookErrors', (x) => x.webhookErrors.total),
      ]),
    },
    days: {
      describe: 'one row per local day: failures, and the failure rate of that day\'s sent messages',
      table: (r) => tableOf(r.days, [date('date', (d) => d.date), count('failed', (d) => d.failed), rate('failureRate', (d) => d.failureRate)]),
    },
    byClass: {
      describe: 'one row per local day and chart error class: failures',
      inTable: false,
      table: (r) => tableOf(
        r.days.flatMap((d) => entries(d.byClass).map((c) => ({ date: d.date, class: c.key, count: c.value }))),
        [date('date', (x) => x.date), text('class', (x) => x.class), count('count', (x) => x.count)],
      ),
    },
    byCodeByDay: {
      describe: 'one row per local day and error code: failures',
      inTable: false,
      table: (r) => tableOf(
        r.days.flatMap((d) => d.byCode.map((c) => ({ date: d.date, ...c }))),
        [date('date', (x) => x.date), text('code', (x) => x.code, { blank: 'no code' }), count('count', (x) => x.count)],
      ),
    },
    byChannel: {
      describe: 'one row per business number: failures, sent cohort, failure rate',
      table: (r) => tableOf(r.byChannel, [
        text('channel', (c) => c.channel), text('displayPhoneNumber', (c) => c.displayPhoneNumber, { label: 'number' }),
        count('failed', (c) => c.failed), count('sent', (c) => c.sent), rate('failureRate', (c) => c.failureRate),
      ]),
    },
    byPricingCategory: {
      describe: 'one row per pricing category: failures',
      table: (r) => tableOf(r.byPricingCategory, [text('category', (c) => c.category, { blank: 'none given' }), count('count', (c) => c.count)]),
    },
    webhookErrors: {
      describe: 'one row per error code of out-of-band webhook errors',
      table: (r) => tableOf(r.webhookErrors.byCode, [
        text('code', (c) => c.code, { blank: 'no code' }), text('title', (c) => c.title, { maxWidth: 48 }), count('count', (c) => c.count),
      ]),
    },
  },
};
