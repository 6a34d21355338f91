import type { SourceErrorStrings } from '../strings.ts';

/** Shared strings, zh-CN. One module per locale, so a widget loads only the locale it shows. */
export const sourceErrors: SourceErrorStrings = {
  errors: {
    network: '暂时连不上服务站，请检查网络后再试。',
    server: '服务站暂时出了点问题，请稍后再试。',
    'not-found': '没有找到这条内容，它可能已经撤下了。',
  },
  retry: '重试',
};
