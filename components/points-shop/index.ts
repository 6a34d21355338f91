export { LinliPointsShop, type PointsShopHost, type RedeemedDetail, type RedemptionCancelledDetail } from './points-shop.ts';
