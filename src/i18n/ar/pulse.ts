import type { Catalog } from '../catalog.js';

export const pulse: Catalog['pulse'] = {
  chartTitle: {
    overview: 'نظرة عامة',
    messages: 'الرسائل: المُرسلة والمُسلّمة والمقروءة والواردة',
    failures: 'إخفاقات التسليم حسب اليوم',
    conversations: 'المحادثات',
    agents: 'الموظفون: أول رد ومدة الحل',
    contacts: 'جهات الاتصال',
    'busy-hours': 'أوقات الذروة: الرسائل الواردة حسب اليوم والساعة',
    live: 'قائمة الانتظار الآن',
  },
  unlinkedAgentMention: (user: string) =>
    `${user} غير مرتبط بأي موظف في صندوق الوارد حتى الآن. اربطه بإرسال slack_user_id في أحداث الموظفين من صندوق الوارد، أو اكتب اسم الموظف: agent:Layla.`,
  ambiguousAgent: (wanted: string, ids: string) => `الاسم «${wanted}» ينطبق على أكثر من موظف (${ids}). استخدم أحد هذه المعرّفات: agent:المعرّف.`,
};
