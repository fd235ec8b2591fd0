import type { CloseCategory } from './inbox-types.js';

/** What customers of a Dubai online shop write about, per close category. */
export const OPENERS: Record<CloseCategory, readonly string[]> = {
  delivery: [
    'Hi, where is my order? It was supposed to arrive yesterday',
    'Hello, can you share the tracking for order #{n}?',
    'مرحبا، متى يوصل الطلب؟',
    'The courier called but I was not home, can you reschedule?',
    'Is delivery to Al Ain possible tomorrow?',
    'السلام عليكم، الطلب رقم {n} ما وصل لحد الآن',
  ],
  billing: [
    'I was charged twice for order #{n}',
    'Can I pay cash on delivery?',
    'هل يمكن الدفع بالتقسيط؟',
    'My card was declined but the money left my account',
    'Please send the VAT invoice for my last order',
  ],
  returns: [
    'I want to return the shoes, they are too small',
    'The item arrived damaged 😞',
    'كيف أرجع المنتج؟',
    'How long does the refund take?',
    'Wrong colour delivered, can you exchange it?',
  ],
  other: [
    'Hi',
    'Hello 👋',
    'مرحبا',
    'Do you have this in size M?',
    'Is the Dubai Mall store open on Friday?',
    'Any discount codes this week?',
    'Does it come in another color?',
  ],
};

/** Later messages in a conversation. */
export const FOLLOW_UPS: readonly string[] = [
  'Ok thank you',
  'It is order #{n}',
  'شكرا جزيلا',
  'Still not received',
  'Can someone call me?',
  'Yes please',
  'Sure, my address is Jumeirah Village Circle, building 12',
  'تمام',
  'When exactly?',
  'Great, thanks a lot!',
  'No, that did not work',
];

export const CAPTIONS: readonly string[] = ['This is what I received', 'Receipt', 'صورة المنتج', 'See the box'];

export const REACTIONS: readonly string[] = ['👍', '❤️', '🙏', '😂', '👌'];

/** Buttons of the bot's menu and of marketing templates (quick replies). */
export const MENU_BUTTONS = {
  track: { id: 'menu-track', title: 'Track my order' },
  returns: { id: 'menu-returns', title: 'Returns' },
  agent: { id: 'menu-agent', title: 'Talk to an agent' },
} as const;
export const PROMO_BUTTONS = {
  more: { id: 'promo-more', title: 'Tell me more' },
  stop: { id: 'promo-stop', title: 'Stop promotions' },
} as const;

/** Internal notes agents leave on conversations. */
export const COMMENTS: readonly string[] = [
  'Checked with the warehouse, shipping today',
  'Refund approved by finance',
  'Customer is VIP, handle with care',
  'Escalated to the courier',
  'تم التواصل مع شركة الشحن',
  'Duplicate of an earlier ticket',
];

export const MIME_TYPES: readonly string[] = ['image/jpeg', 'image/jpeg', 'image/png', 'image/webp'];
