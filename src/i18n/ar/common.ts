import type { Catalog } from '../catalog.js';

export const common: Catalog['common'] = {
  notAvailable: 'غير متاح',
  durationUnits: { d: 'ي', h: 'س', m: 'د', s: 'ث' },
  percent: (value: string) => `${value}٪`,
  deltaUp: (pct: string) => `▲ ${pct}٪`,
  deltaDown: (pct: string) => `▼ ${pct}٪`,
  deltaFlat: 'دون تغيير',
  deltaNoBase: 'غير متاح (لا بيانات سابقة)',
  vsPrevious: 'مقارنةً بالفترة السابقة',
  windowDays: (first: string, last: string, days: number, tz: string) =>
    days === 1 ? `${first} (${tz})` : `من ${first} إلى ${last} (${days} ${days <= 10 ? 'أيام' : 'يومًا'}، ${tz})`,
  windowSpan: (from: string, to: string, tz: string) => `من ${from} حتى ${to} دون احتساب النهاية (${tz})`,
  asOf: (at: string, tz: string) => `حتى ${at} (${tz})`,
};
