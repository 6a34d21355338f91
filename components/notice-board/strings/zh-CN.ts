import { sourceErrors } from '../../core/strings/zh-CN.ts';
import type { NoticeListStrings } from '../strings.ts';

export const strings: NoticeListStrings = {
  ...sourceErrors,
  listLabel: '公告列表',
  count: '共 {count} 条公告',
  loading: '正在加载公告…',
  empty: '现在还没有公告。',
  pinned: '置顶',
  back: '返回',
  opening: '正在打开公告…',
  boards: { 社区公告: '社区公告', 物业之窗: '物业之窗', 公示栏: '公示栏', 活动: '活动', 安全提示: '安全提示' },
};
