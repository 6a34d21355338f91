import { defineElement } from '../core/define.ts';
import { LinliPointsRanking } from './points-ranking.ts';

defineElement('linli-points-ranking', LinliPointsRanking);
