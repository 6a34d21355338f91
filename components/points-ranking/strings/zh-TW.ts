import { sourceErrors } from '../../core/strings/zh-TW.ts';
import type { RankingStrings } from '../strings.ts';

export const strings: RankingStrings = {
  ...sourceErrors,
  loading: '正在載入積分排名…',
  empty: '這段時間還沒有人獲得積分。',
  unavailable: '這個服務站還沒有開通積分公示。',
  viewLabel: '排名方式',
  views: { residents: '居民排名', buildings: '樓棟合計' },
  periodLabel: '時間範圍',
  periods: { year: '本年', month: '本月' },
  year: '{year}年',
  month: '{year}年{month}月',
  captions: { residents: '{period}居民積分排名', buildings: '{period}各樓棟積分合計' },
  rank: '名次',
  name: '居民',
  building: '樓棟',
  points: '積分',
  residents: '上榜人數',
  note: '姓名只顯示首尾字。不願公示的居民不在榜上，也不計入樓棟合計。',
};
