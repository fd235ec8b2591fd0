import type { Catalog } from '../catalog.js';

/** 1 يوم، يومان، 3–10 أيام، 11 يومًا فأكثر: Arabic counts take their noun's number. */
const counted = (n: number, one: string, two: string, few: string, many: string) =>
  n === 1 ? one : n === 2 ? two : n >= 3 && n <= 10 ? `${n} ${few}` : `${n} ${many}`;

export const charts: Catalog['charts'] = {
  textHeading: (title: string, period: string) => `${title} — ${period}`,
  period: (dates: string, tz: string) => `${dates} · ${tz}`,
  dateRange: (first: string, last: string) => `من ${first} إلى ${last}`,
  percent: (value: string) => `${value}٪`,
  listSeparator: '، ',
  notAvailable: 'غير متاح',
  daySpan: (days: number) =>
    days > 0 && days % 7 === 0 ? counted(days / 7, 'أسبوع', 'أسبوعين', 'أسابيع', 'أسبوعًا') : counted(days, 'يوم', 'يومين', 'أيام', 'يومًا'),
  agents: {
    title: 'أوقات الرد والإغلاق لكل موظف',
    noData: 'لا يوجد نشاط للموظفين في هذه الفترة.',
    cohort: 'أول رد: الردود المرسلة خلال الفترة. الإغلاق: المحادثات المغلقة خلال الفترة.',
    unit: { minutes: 'بالدقائق', hours: 'بالساعات' },
    fewData: (name: string) => `${name} (بيانات قليلة)`,
    barNoData: 'لا بيانات',
    withP90Label: (median: string, p90: string) => `${median} · المئين 90: ${p90}`,
    withP90Text: (median: string, p90: string) => `${median} (المئين 90: ${p90})`,
    medianFirstResponse: 'وسيط أول رد',
    medianResolution: 'وسيط مدة الإغلاق',
    outlierLegend: '⚠ أبطأ من المعتاد (أكثر من ضعف وسيط الفريق)',
    p90Legend: 'المئين 90',
    timeAxis: (unit: string) => `الوقت (${unit})`,
    medianTimeAxis: (unit: string) => `الوقت الوسيط (${unit})`,
    noteWithWhiskers: 'العمود: الوسيط، والخط: المئين 90.',
    noteBars: 'العمود: الوسيط.',
    textLine: (label: string, outlier: boolean, firstResponse: string, resolution: string) =>
      `${label}${outlier ? ' (أبطأ من المعتاد)' : ''}: وسيط أول رد ${firstResponse}، ووسيط الإغلاق ${resolution}`,
  },
  busyHours: {
    weekdays: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
    inboundMessages: 'الرسائل الواردة',
    title: (measure: string) => `أوقات الذروة: ${measure}`,
    noData: 'لا يوجد نشاط في هذه الفترة.',
    cellNote: (measure: string, span: string) => `الخلايا: إجمالي ${measure} خلال ${span}، حسب الساعة المحلية.`,
    hourAxis: (tz: string) => `ساعة اليوم (${tz})`,
    total: (n: string) => `الإجمالي: ${n}`,
    busiest: (day: string, hours: string, n: string) => `الأكثر ازدحامًا: ${day} ${hours} (${n})`,
    busiestHours: (list: string) => `أكثر ساعات اليوم ازدحامًا: ${list}`,
    hourCount: (hours: string, n: string) => `${hours} (${n})`,
    countsHeading: (tz: string) => `العدد حسب الساعة من 00 إلى 23 (${tz}):`,
    row: (day: string, counts: string, total: string) => `${day}: ${counts} (الإجمالي ${total})`,
  },
  failures: {
    title: 'الرسائل التي فشل تسليمها',
    rate: 'نسبة الفشل',
    noData: 'لا توجد أيام في هذه الفترة.',
    cohort: 'الأعمدة: الرسائل التي فشلت في ذلك اليوم حسب رمز الخطأ. الخط: نسبة ما فشل (في أي وقت) من رسائل ذلك اليوم المرسلة.',
    countAxis: 'الرسائل الفاشلة',
    rateAxis: 'نسبة الفشل (٪)',
    textLine: (day: string, failed: string, byClass: string[], rate: string, numerator: string, denominator: string) =>
      `${day}: ${failed} فاشلة${byClass.length ? ` (${byClass.join('، ')})` : ''}؛ نسبة الفشل ${rate} (${numerator} / ${denominator})`,
  },
  funnel: {
    title: 'الرسائل: مرسلة ← مُسلّمة ← مقروءة، والواردة',
    cohort: 'المرسلة والمُسلّمة والمقروءة: الرسائل المرسلة خلال الفترة أيًّا كان وقت وصول حالتها. الواردة: رسائل العملاء خلال الفترة.',
    engagementNote: (delivered: string) => `التفاعل: الواردة مقسومةً على ${delivered} رسالة مُسلّمة خلال الفترة.`,
    sent: 'المرسلة',
    delivered: 'المُسلّمة',
    read: 'المقروءة',
    received: 'الواردة',
    ofSent: (rate: string) => `${rate} من المرسلة`,
    ofDelivered: (rate: string) => `${rate} من المُسلّمة`,
    engagement: (rate: string) => `تفاعل ${rate}`,
    messages: 'الرسائل',
    barLabel: (count: string, rate: string) => `${count} · ${rate}`,
    textStep: (label: string, count: string) => `${label}: ${count}`,
    textRate: (step: string, rate: string, numerator: string, denominator: string) => `${step} (${rate}: ${numerator} / ${denominator})`,
  },
};
