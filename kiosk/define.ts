/**
 * Registers every element the kiosk uses (once; a second copy only warns). main.ts imports
 * define-first.ts at start and this module right after the first screen is shown; tests import
 * this one and get everything at once. A screen shown before this arrives upgrades when it does
 * (Lit keeps the properties set on the element before the upgrade).
 */
import { defineElement } from '../components/core/define.ts';
import '../components/notice-board/define.ts';
import './define-first.ts';
import './other-locales.ts';
import './residents/define.ts';
import { LinliNoticePoster } from './poster/notice-poster.ts';
import { LinliAttentionScreen } from './screens/attention-screen.ts';
import { LinliNoticeEditorScreen } from './screens/notice-editor-screen.ts';
import { LinliNoticesScreen } from './screens/notices-screen.ts';
import { LinliSettingsScreen } from './screens/settings-screen.ts';
import { LinliStaffNoticesScreen } from './screens/staff-notices-screen.ts';
import { LinliStaffSignInScreen } from './screens/staff-sign-in-screen.ts';
import { LinliNumericKeypad } from './ui/numeric-keypad.ts';
// The volunteer screens and 我的志愿服务 come with the rest (kiosk/volunteer/define.ts): a lazy
// chunk of their own would cost the first screen its preload list.
import './volunteer/define.ts';

defineElement('linli-numeric-keypad', LinliNumericKeypad);
defineElement('linli-notice-poster', LinliNoticePoster);
defineElement('linli-notices-screen', LinliNoticesScreen);
defineElement('linli-staff-sign-in-screen', LinliStaffSignInScreen);
defineElement('linli-staff-notices-screen', LinliStaffNoticesScreen);
defineElement('linli-notice-editor-screen', LinliNoticeEditorScreen);
defineElement('linli-attention-screen', LinliAttentionScreen);
defineElement('linli-settings-screen', LinliSettingsScreen);
