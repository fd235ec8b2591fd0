import type { Catalog } from '../catalog.js';

export const home: Catalog['home'] = {
  title: 'wapulse — نبض واتساب',
  refresh: 'تحديث',
  todayTitle: 'اليوم حتى الآن، مقارنةً بنفس الساعات أمس',
  chartTitle: 'رسم اليوم',
  queueTitle: 'قائمة الانتظار بدون موظف',
  queueSize: (waiting: string, longest: string) => `بانتظار الرد: ${waiting}، وأطول انتظار ${longest}`,
  queueEmpty: 'لا أحد ينتظر ردًا.',
  meTitle: 'أداؤك اليوم',
  digestsTitle: 'الملخصات والتنبيهات',
  digestsComing: 'الملخصات المجدولة وتنبيهات قائمة الانتظار قادمة قريبًا، وستتابعها وتديرها من هنا.',
  membersNote: 'أرقام الفريق كاملة متاحة للمشرفين فقط. استخدم `/pulse me` لعرض أدائك.',
};
