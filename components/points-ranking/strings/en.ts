import { sourceErrors } from '../../core/strings/en.ts';
import type { RankingStrings } from '../strings.ts';

export const strings: RankingStrings = {
  ...sourceErrors,
  loading: 'Loading the points ranking…',
  empty: 'Nobody has earned points in this period yet.',
  unavailable: 'This service station does not publish a points ranking yet.',
  viewLabel: 'Rank by',
  views: { residents: 'Residents', buildings: 'Buildings' },
  periodLabel: 'Period',
  periods: { year: 'This year', month: 'This month' },
  year: '{year}',
  month: '{month}/{year}',
  captions: { residents: 'Points ranking of residents, {period}', buildings: 'Points by building, {period}' },
  rank: 'Rank',
  name: 'Resident',
  building: 'Building',
  points: 'Points',
  residents: 'Residents listed',
  note: 'Names show only their first and last characters. Residents who opted out are not listed or counted.',
};
