import { defineElement } from '../core/define.ts';
import { LinliPointsShop } from './points-shop.ts';

defineElement('linli-points-shop', LinliPointsShop);
