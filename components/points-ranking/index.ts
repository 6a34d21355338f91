export { LinliPointsRanking, type RankingChangeDetail } from './points-ranking.ts';
export type { RankingView } from './strings.ts';
