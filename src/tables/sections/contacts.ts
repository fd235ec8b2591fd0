import type { ContactsReport } from '../../metrics/contacts.js';
import { count, rate, tableOf, text, type ReportSections } from '../columns.js';

/** Every source any of the by-source figures names, known ones first. */
function sourceRows(r: ContactsReport) {
  const sources = [...new Set([...Object.keys(r.new.bySource), ...Object.keys(r.deleted.bySource), ...Object.keys(r.replyRate.bySource)])];
  const none = { value: null, numerator: 0, denominator: 0 };
  return sources.map((source) => ({
    source, new: r.new.bySource[source] ?? 0, deleted: r.deleted.bySource[source] ?? 0, replyRate: r.replyRate.bySource[source] ?? none,
  }));
}

export const contactsSections: ReportSections<ContactsReport> = {
  main: 'sources',
  sections: {
    sources: {
      describe: 'one row per contact source: new, deleted, reply rate',
      table: (r) => tableOf(sourceRows(r), [
        text('source', (s) => s.source), count('new', (s) => s.new), count('deleted', (s) => s.deleted), rate('replyRate', (s) => s.replyRate),
      ]),
    },
    totals: {
      describe: 'one row: new, deleted, contacts who wrote (new and returning), reply rate',
      single: true,
      table: (r) => tableOf([r], [
        count('new', (x) => x.new.total, { label: 'new contacts' }), count('deleted', (x) => x.deleted.total),
        count('active', (x) => x.newVsReturning.active, { label: 'contacts who wrote' }),
        count('activeNew', (x) => x.newVsReturning.new, { label: '… writing for the first time' }),
        count('activeReturning', (x) => x.newVsReturning.returning, { label: '… who had written before' }),
        rate('replyRate', (x) => x.replyRate.total, { label: 'reply rate (24 h)' }),
      ]),
    },
  },
};
