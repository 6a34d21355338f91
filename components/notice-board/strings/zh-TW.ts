import { sourceErrors } from '../../core/strings/zh-TW.ts';
import type { NoticeListStrings } from '../strings.ts';

export const strings: NoticeListStrings = {
  ...sourceErrors,
  listLabel: '公告列表',
  count: '共 {count} 則公告',
  loading: '正在載入公告…',
  empty: '現在還沒有公告。',
  pinned: '置頂',
  back: '返回',
  opening: '正在開啟公告…',
  boards: { 社区公告: '社區公告', 物业之窗: '物業之窗', 公示栏: '公示欄', 活动: '活動', 安全提示: '安全提示' },
};
