/** The kiosk's screens and the one event screens use to ask the app to move between them. */
import type { Notice } from '../domain/index.ts';
import type { ReplicaNotice } from './store/kiosk-db.ts';

export type ScreenName = 'pairing' | 'home' | 'notices' | 'attract' | 'staff-sign-in' | 'staff-notices' | 'notice-editor' | 'attention' | 'settings'
  // Resident sign-in, 我的, and the staff's resident services (kiosk/residents/).
  | 'resident-sign-in'
  | 'mine'
  | 'resident-staff'
  // Points (kiosk/points/, loaded on first use): the shop and 我的积分; staff points and catalogue.
  | 'points-shop'
  | 'my-points'
  | 'points-staff'
  | 'points-catalogue'
  // Meals (kiosk/meals/, loaded on first use): booking; staff kitchen counts and delivery list.
  | 'meal-book'
  | 'meal-kitchen'
  // Volunteer (kiosk/volunteer/, registered with ./define.ts after the first screen): activities
  // and sign-up; staff attendance and the activity editor.
  | 'volunteer'
  | 'volunteer-attendance';

/** Screens whose elements live in the lazily loaded meals module. */
export const MEAL_SCREENS: readonly ScreenName[] = ['meal-book', 'meal-kitchen'];

/** Screens whose elements live in the lazily loaded points module. */
export const POINTS_SCREENS: readonly ScreenName[] = ['points-shop', 'my-points', 'points-staff', 'points-catalogue', 'meal-kitchen'];

/** Screens that belong to staff mode (not overridden by an emergency, covered by the staff timeout). */
export const STAFF_SCREENS: readonly ScreenName[] = ['staff-notices', 'notice-editor', 'attention', 'resident-staff', 'points-staff', 'points-catalogue', 'meal-kitchen', 'volunteer-attendance'];

export interface NavigateDetail {
  screen: ScreenName;
  /** For the editor: the notice to edit (null: a new one). */
  notice?: ReplicaNotice | null;
  /** For the editor: start a new notice as an emergency. */
  emergency?: boolean;
  /** Replace the current screen instead of stacking (返回 skips it). */
  replace?: boolean;
}

export function navigate(from: Element, detail: NavigateDetail): void {
  from.dispatchEvent(new CustomEvent<NavigateDetail>('linli-navigate', { detail, bubbles: true, composed: true }));
}

export interface PrintNoticeDetail {
  notice: Notice;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linli-navigate': CustomEvent<NavigateDetail>;
    'linli-print-notice': CustomEvent<PrintNoticeDetail>;
    'linli-staff-sign-out': CustomEvent<void>;
  }
}
