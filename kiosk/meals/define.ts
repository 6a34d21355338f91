/**
 * Registers the meal screens (once; a second copy only warns). Loaded on first use by the app
 * (a dynamic import), so the kiosk's first screen does not pay for them.
 */
import { defineElement } from '../../components/core/define.ts';
import { LinliMealKitchenScreen } from './kitchen-screen.ts';
import { LinliMealBookScreen } from './meal-book-screen.ts';
import { LinliMealMenuEditor } from './menu-editor.ts';

defineElement('linli-meal-book-screen', LinliMealBookScreen);
defineElement('linli-meal-kitchen-screen', LinliMealKitchenScreen);
defineElement('linli-meal-menu-editor', LinliMealMenuEditor);
