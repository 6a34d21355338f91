import { sourceErrors } from '../../core/strings/zh-CN.ts';
import type { RankingStrings } from '../strings.ts';

export const strings: RankingStrings = {
  ...sourceErrors,
  loading: '正在加载积分排名…',
  empty: '这段时间还没有人获得积分。',
  unavailable: '这个服务站还没有开通积分公示。',
  viewLabel: '排名方式',
  views: { residents: '居民排名', buildings: '楼栋合计' },
  periodLabel: '时间范围',
  periods: { year: '本年', month: '本月' },
  year: '{year}年',
  month: '{year}年{month}月',
  captions: { residents: '{period}居民积分排名', buildings: '{period}各楼栋积分合计' },
  rank: '名次',
  name: '居民',
  building: '楼栋',
  points: '积分',
  residents: '上榜人数',
  note: '姓名只显示首尾字。不愿公示的居民不在榜上，也不计入楼栋合计。',
};
