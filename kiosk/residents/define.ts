/** Registers the resident screens (once; a second copy only warns). The home tile is in ../define-first.ts. */
import { defineElement } from '../../components/core/define.ts';
import { LinliMineScreen } from './mine-screen.ts';
import { LinliNewPin } from './new-pin.ts';
import { LinliResidentSignInScreen } from './resident-sign-in-screen.ts';
import { LinliResidentStaffScreen } from './resident-staff-screen.ts';

defineElement('linli-new-pin', LinliNewPin);
defineElement('linli-resident-sign-in-screen', LinliResidentSignInScreen);
defineElement('linli-mine-screen', LinliMineScreen);
defineElement('linli-resident-staff-screen', LinliResidentStaffScreen);
