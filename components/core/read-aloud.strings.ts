import type { Tables } from './i18n.ts';

export interface ReadAloudStrings {
  read: string;
  stop: string;
}

export const readAloudStrings: Tables<ReadAloudStrings> = {
  'zh-CN': { read: '朗读', stop: '停止朗读' },
  'zh-TW': { read: '朗讀', stop: '停止朗讀' },
  en: { read: 'Read aloud', stop: 'Stop reading' },
};
