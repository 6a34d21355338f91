import { sourceErrors } from '../../core/strings/en.ts';
import type { NoticeListStrings } from '../strings.ts';

export const strings: NoticeListStrings = {
  ...sourceErrors,
  listLabel: 'Notices',
  count: '{count} notices',
  loading: 'Loading notices…',
  empty: 'There are no notices yet.',
  pinned: 'Pinned',
  back: 'Back',
  opening: 'Opening the notice…',
  boards: {
    社区公告: 'Community',
    物业之窗: 'Property management',
    公示栏: 'Public disclosures',
    活动: 'Activities',
    安全提示: 'Safety',
  },
};
