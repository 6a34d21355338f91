/**
 * Registers the points screens (once; a second copy only warns). Loaded on first use by the app
 * (a dynamic import), so the kiosk's first screen does not pay for them.
 */
import { defineElement } from '../../components/core/define.ts';
import { LinliPointsCatalogueScreen } from './catalogue-screen.ts';
import { LinliMyPointsScreen } from './my-points-screen.ts';
import { LinliPointsPrint } from './points-print.ts';
import { LinliPointsStaffScreen } from './points-staff-screen.ts';
import { LinliPointsShopScreen } from './shop-screen.ts';

defineElement('linli-points-shop-screen', LinliPointsShopScreen);
defineElement('linli-my-points-screen', LinliMyPointsScreen);
defineElement('linli-points-staff-screen', LinliPointsStaffScreen);
defineElement('linli-points-catalogue-screen', LinliPointsCatalogueScreen);
defineElement('linli-points-print', LinliPointsPrint);
