import type { Catalog } from '../catalog.js';

// Headers as an Arabic spreadsheet user would title the columns; units in brackets, (ث) = seconds.
export const tables: Catalog['tables'] = {
  columns: {
    active: 'العملاء المتفاعلون', activeAgentHours: 'ساعات نشاط الموظفين', activeNew: 'متفاعلون جدد', activeReturning: 'متفاعلون سابقون',
    agentCloses: 'محادثات أغلقها الموظفون', agentId: 'معرّف الموظف', agentName: 'اسم الموظف', agents: 'عدد الموظفين', agentsNeeded: 'الموظفون المطلوبون',
    agentsReplied: 'الموظفون الذين ردّوا', arrivals: 'المحادثات الواردة', arrivalsPerHour: 'الواردة في الساعة', asOf: 'حتى تاريخ', assigned: 'المُسندة',
    assignedAt: 'وقت الإسناد', assignedOpen: 'مفتوحة ومُسندة', avgPerDay: 'المتوسط اليومي', billable: 'الرسائل المحتسبة', bucket: 'الفئة الزمنية',
    category: 'الفئة', change: 'نسبة التغيّر', channel: 'القناة', class: 'نوع الخطأ', clock: 'نوع التوقيت', closed: 'المُغلقة',
    closedBy: 'أُغلقت بواسطة', closedWithoutResponse: 'أُغلقت دون رد', code: 'رمز الخطأ', comments: 'التعليقات',
    conversationId: 'معرّف المحادثة', count: 'العدد', current: 'الفترة الحالية', date: 'التاريخ', days: 'عدد الأيام', deleted: 'المحذوفون',
    delivered: 'المُسلّمة', deliveryRate: 'نسبة التسليم', displayPhoneNumber: 'رقم الهاتف', engagement: 'نسبة التفاعل',
    failed: 'الفاشلة', failureRate: 'نسبة الفشل', filteredBy: 'عوامل التصفية', firstResponse: 'مدة أول رد',
    firstResponseFewData: 'أول رد - بيانات قليلة', firstResponseOutlier: 'أول رد - أبطأ من المعتاد', from: 'من',
    frtTargetSec: 'هدف أول رد (ث)', handleTimeSec: 'مدة المعالجة (ث)', hour: 'الساعة', id: 'المعرّف', insideWindow: 'داخل نافذة 24 ساعة',
    known: 'موظف معروف', kpi: 'المؤشر', lastMessageAt: 'وقت آخر رسالة', lastMessagePreview: 'آخر رسالة', load: 'الحِمل',
    medianOfMediansSec: 'وسيط الوسطاء (ث)', messages: 'الرسائل', messagesSent: 'الرسائل المرسلة', metric: 'المقياس',
    name: 'الاسم', new: 'الجدد', noHintReason: 'سبب عدم التقدير', note: 'ملاحظة', now: 'الآن', occurrences: 'مرات التكرار',
    opened: 'المفتوحة', openedAt: 'وقت الفتح', openedBy: 'فُتحت بواسطة', outsideWindow: 'خارج نافذة 24 ساعة', phoneNumberId: 'معرّف رقم الهاتف',
    previous: 'الفترة السابقة', queue: 'في قائمة الانتظار', rank: 'الترتيب', reactions: 'التفاعلات', read: 'المقروءة', readRate: 'نسبة القراءة',
    received: 'الواردة', replyRate: 'نسبة الرد', resolution: 'مدة الإغلاق', resolutionFewData: 'الإغلاق - بيانات قليلة',
    resolutionOutlier: 'الإغلاق - أبطأ من المعتاد', response: 'مدة الرد', responseFewData: 'الرد - بيانات قليلة',
    secondsSinceAssignment: 'منذ الإسناد (ث)', sent: 'المرسلة', series: 'السلسلة', serviceLevel: 'مستوى الخدمة',
    source: 'المصدر', team: 'الفريق', title: 'الوصف', to: 'إلى', tz: 'المنطقة الزمنية', unassignedOpen: 'مفتوحة وغير مُسندة', unit: 'الوحدة',
    unresolved: 'غير المحلولة', waId: 'رقم واتساب', waitingSeconds: 'مدة الانتظار (ث)', waitingSince: 'ينتظر منذ',
    webhookErrors: 'أخطاء الويب هوك', weekday: 'اليوم', window: 'الفترة',
  },
  rateColumns: (header: string) => [header, `${header} - البسط`, `${header} - المقام`],
  statsColumns: (header: string) =>
    ['العدد', 'المتوسط (ث)', 'الوسيط (ث)', 'المئين 90 (ث)', 'الأعلى (ث)'].map((s) => (header ? `${header} - ${s}` : s)),
};
