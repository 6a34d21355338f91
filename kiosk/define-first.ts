/**
 * The elements a kiosk needs for its first screen: the app, home (with the resident tile),
 * pairing, the attract loop, the emergency takeover, read-aloud and the confirm sheet. Everything
 * else is in define.ts, which main.ts loads as soon as the first screen is shown, so the JS a
 * kiosk loads before home is interactive stays small (bundle.kiosk.initial.gzip_kib).
 */
import { defineElement } from '../components/core/define.ts';
import { LinliReadAloud } from '../components/core/read-aloud.ts';
import { LinliKioskApp } from './kiosk-app.ts';
import { LinliResidentTile } from './residents/resident-tile.ts';
import { LinliAttractScreen } from './screens/attract-screen.ts';
import { LinliEmergencyScreen } from './screens/emergency-screen.ts';
import { LinliHomeScreen } from './screens/home-screen.ts';
import { LinliPairingScreen } from './screens/pairing-screen.ts';
import { LinliConfirmSheet } from './ui/confirm-sheet.ts';

defineElement('linli-read-aloud', LinliReadAloud);
defineElement('linli-confirm-sheet', LinliConfirmSheet);
defineElement('linli-home-screen', LinliHomeScreen);
defineElement('linli-resident-tile', LinliResidentTile);
defineElement('linli-attract-screen', LinliAttractScreen);
defineElement('linli-emergency-screen', LinliEmergencyScreen);
defineElement('linli-pairing-screen', LinliPairingScreen);
defineElement('linli-kiosk-app', LinliKioskApp);
