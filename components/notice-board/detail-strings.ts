import type { Tables } from '../core/i18n.ts';

/** What only the detail view needs (loaded with it). */
export interface NoticeDetailStrings {
  larger: string;
  smaller: string;
  /** Visible glyphs of the enlarge buttons. */
  largerGlyph: string;
  smallerGlyph: string;
  qrCaption: string;
  qrLabel: string;
  /** `{n}` image number, `{title}` notice title. */
  imageAlt: string;
}

export const detailStrings: Tables<NoticeDetailStrings> = {
  'zh-CN': {
    larger: '放大字号',
    smaller: '缩小字号',
    largerGlyph: 'A+',
    smallerGlyph: 'A−',
    qrCaption: '用手机扫一扫，把这条公告带回家',
    qrLabel: '这条公告的二维码',
    imageAlt: '《{title}》的配图 {n}',
  },
  'zh-TW': {
    larger: '放大字級',
    smaller: '縮小字級',
    largerGlyph: 'A+',
    smallerGlyph: 'A−',
    qrCaption: '用手機掃一掃，把這則公告帶回家',
    qrLabel: '這則公告的 QR 碼',
    imageAlt: '《{title}》的配圖 {n}',
  },
  en: {
    larger: 'Larger text',
    smaller: 'Smaller text',
    largerGlyph: 'A+',
    smallerGlyph: 'A−',
    qrCaption: 'Scan with your phone to take this notice home',
    qrLabel: 'QR code of this notice',
    imageAlt: 'Picture {n} of “{title}”',
  },
};
