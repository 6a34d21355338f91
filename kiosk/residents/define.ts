/** Registers the resident screens (once; a second copy only warns). */
import { defineElement } from '../../components/core/define.ts';
import { LinliMineScreen } from './mine-screen.ts';
import { LinliNewPin } from './new-pin.ts';
import { LinliResidentSignInScreen } from './resident-sign-in-screen.ts';
import { LinliResidentStaffScreen } from './resident-staff-screen.ts';
import { LinliResidentTile } from './resident-tile.ts';

defineElement('linli-new-pin', LinliNewPin);
defineElement('linli-resident-sign-in-screen', LinliResidentSignInScreen);
defineElement('linli-resident-tile', LinliResidentTile);
defineElement('linli-mine-screen', LinliMineScreen);
defineElement('linli-resident-staff-screen', LinliResidentStaffScreen);
