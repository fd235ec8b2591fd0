import type { Catalog } from '../catalog.js';

// Command words (agents, 7d, share…) stay in English: that is how they are typed.
const list = (values: string[]) => values.join('، ');

export const command: Catalog['command'] = {
  help: {
    title: 'طريقة استخدام ‎/pulse',
    intro: 'أرقام خدمة واتساب لديكم هنا في سلاك. الردود تظهر لك وحدك، إلا إذا أضفت `share`.',
    commands: {
      overview: { usage: '/pulse overview [period] [filters]', text: 'أهم الأرقام، مع نسبة التغيّر مقارنةً بالفترة السابقة' },
      agents: { usage: '/pulse agents [period] [filters]', text: 'جدول ورسم بياني لأداء الموظفين: سرعة أول رد، ومدة الحل، والمحادثات المغلقة، مع الإشارة إلى الحالات غير المعتادة' },
      busy: { usage: '/pulse busy [period] [filters]', text: 'أكثر الأيام والساعات ازدحامًا، وساعات الذروة، واقتراح لعدد الموظفين المناسب' },
      failures: { usage: '/pulse failures [period] [filters]', text: 'الرسائل التي تعذّر توصيلها حسب رمز الخطأ والرقم، ونسبة الفشل يومًا بيوم' },
      messages: { usage: '/pulse messages [period] [filters]', text: 'الرسائل الصادرة (المرسلة والمستلَمة والمقروءة) والواردة مع نسبها، داخل نافذة الـ 24 ساعة وخارجها، حسب الرقم وفئة التسعير' },
      contacts: { usage: '/pulse contacts [period] [filters]', text: 'العملاء الجدد حسب المصدر، والمحذوفون، والجدد مقابل العائدين' },
      conversations: { usage: '/pulse conversations [period] [filters]', text: 'المحادثات المفتوحة (ومن فتحها)، والمغلقة (حسب التصنيف)، وما لم يُحل بعد' },
      live: { usage: '/pulse live [filters]', text: 'الوضع الآن: المحادثات المفتوحة لدى كل موظف، وقائمة الانتظار غير المسندة مع مدة انتظار كل عميل' },
      me: { usage: '/pulse me [period]', text: 'أداؤك الشخصي خلال الفترة، ومتاح لجميع الأعضاء' },
    },
    periodsLabel: 'الفترات',
    periods: '`today` اليوم، `yesterday` أمس، `7d` و`30d` (اليوم وما قبله من أيام)، `this-week` و`last-week` هذا الأسبوع والماضي، `this-month` و`last-month` هذا الشهر والماضي، `2026-11-01` (يوم واحد)، `2026-11-01..2026-11-15` (شاملًا اليومين)',
    filtersLabel: 'التصفية',
    filters: '`agent:@layla` (أو بالاسم: `agent:"Layla Haddad"`)، `team:sales`، `number:+971501234567`',
    optionsLabel: 'خيارات',
    options: '`share` ينشر الرد في القناة، و`csv` يرسل التقرير كملف CSV، و`lang:ar` أو `lang:en` لاختيار اللغة',
    examplesLabel: 'أمثلة',
    examples: ['/pulse agents 7d', '/pulse failures last-week number:+971501234567', '/pulse overview today share', '/pulse me this-month lang:ar'],
    permissions: 'تقارير الفريق متاحة للمشرفين فقط، ويمكن للجميع استخدام `/pulse me`.',
  },
  what: { period: 'الفترة', agent: 'الموظف', team: 'الفريق', number: 'الرقم', share: 'خيار `share`', csv: 'خيار `csv`', lang: 'اللغة' },
  example: { agent: 'agent:@layla', team: 'team:sales', number: 'number:+971501234567', lang: 'lang:ar' },
  problem: {
    unknownCommand: (word, suggestion) =>
      suggestion ? `لا يوجد أمر \`/pulse ${word}\`. هل تقصد \`/pulse ${suggestion}\`؟` : `لا يوجد أمر \`/pulse ${word}\`. اكتب \`/pulse help\` لعرض الأوامر المتاحة.`,
    notYet: (cmd) => `الأمر \`/pulse ${cmd}\` غير متاح حاليًا، وسيتوفر في تحديث قادم.`,
    periodUnknown: (text) => `\`${text}\` ليست فترة معروفة. جرّب \`today\` أو \`7d\` أو \`last-week\` أو \`2026-11-01..2026-11-15\`.`,
    periodDays: (text) => `\`${text}\`: عدد الأيام يكون من \`1d\` إلى \`366d\`، مثل \`7d\` أو \`30d\`.`,
    periodBadDate: (text) => `\`${text}\` ليس تاريخًا صحيحًا. اكتب التاريخ بصيغة YYYY-MM-DD، مثل \`2026-11-01..2026-11-15\`.`,
    periodEndsBeforeStart: (text) => `الفترة \`${text}\` تنتهي قبل أن تبدأ. ضع التاريخ الأقدم أولًا، مثل \`2026-11-01..2026-11-15\`.`,
    periodNotAllowed: (text) => `\`/pulse live\` يعرض الوضع الحالي ولا يحتاج إلى فترة، احذف \`${text}\`.`,
    unknownToken: (token, suggestion) =>
      suggestion ? `لم أفهم \`${token}\`. هل تقصد \`${suggestion}\`؟` : `لم أفهم \`${token}\`. اكتب \`/pulse help\` لمعرفة الصيغ المتاحة.`,
    duplicate: (what, token) => `لا يمكن تحديد ${what} أكثر من مرة في الأمر نفسه (التكرار في \`${token}\`)، اكتفِ بمرة واحدة.`,
    emptyFilter: (key, example) => `\`${key}:\` يحتاج إلى قيمة بعد النقطتين مباشرة، مثل \`${example}\`.`,
    badNumber: (text) => `\`${text}\` ليس رقم هاتف صحيحًا. اكتب الرقم مع رمز الدولة، مثل \`number:+971501234567\`.`,
    badLang: (text) => `اللغة \`${text}\` غير متوفرة، استخدم \`lang:ar\` أو \`lang:en\`.`,
    unclosedQuote: (text) => `علامة التنصيص غير مغلقة في \`${text}\`، أغلقها هكذا: \`agent:"Layla Haddad"\`.`,
    filterNotAllowed: (key) => `\`/pulse me\` يعرض أداءك الشخصي فقط، لذلك لا يقبل \`${key}:\`، احذفه وأعد المحاولة.`,
    unknownAgent: (text, known) => `لا يوجد موظف يطابق \`${text}\`. ${known.length ? `الموظفون المسجلون: ${list(known)}.` : 'لا يوجد موظفون مسجلون بعد.'}`,
    unknownTeam: (text, known) => `لا يوجد فريق باسم \`${text}\`. ${known.length ? `الفرق المسجلة: ${list(known)}.` : 'لا توجد فرق مسجلة بعد.'}`,
    unknownNumber: (text, known) =>
      `\`${text}\` ليس من أرقام واتساب الخاصة بكم. ${known.length ? `الأرقام المسجلة: ${list(known)}.` : 'لا توجد أرقام مسجلة بعد.'}`,
  },
};
