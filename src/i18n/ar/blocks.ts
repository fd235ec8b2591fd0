import type { Catalog } from '../catalog.js';

export const blocks: Catalog['blocks'] = {
  chartBelow: 'الرسم البياني منشور أسفل هذه الرسالة.',
  chartInDm: 'أرسلنا لك الرسم البياني في رسالة خاصة من wapulse.',
  downloadCsv: 'تنزيل CSV',
  shareToChannel: 'مشاركة في القناة',
};
