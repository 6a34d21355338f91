import type { SourceErrorStrings } from '../strings.ts';

/** Shared strings, zh-TW. One module per locale, so a widget loads only the locale it shows. */
export const sourceErrors: SourceErrorStrings = {
  errors: {
    network: '暫時連不上服務站，請檢查網路後再試。',
    server: '服務站暫時出了點問題，請稍後再試。',
    'not-found': '沒有找到這條內容，它可能已經撤下了。',
  },
  retry: '重試',
};
