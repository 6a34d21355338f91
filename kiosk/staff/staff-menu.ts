/**
 * What the staff menu shows for the signed-in role (domain/roles.ts): the kiosk hides what the
 * role may not do. The server refuses it anyway; hiding spares staff a rejection later.
 */
import { hasPermission, type Permission } from '../../domain/index.ts';
import type { StaffSession } from './staff-sign-in.ts';

export function staffMay(staff: StaffSession | null, permission: Permission): boolean {
  return staff !== null && hasPermission(staff.role, permission);
}

/** The entries of the staff home, each shown when the role holds any of its permissions. */
export const STAFF_MENU_ENTRIES = {
  residents: ['residents.manage', 'residents.proxy'],
  points: ['points.award', 'points.handout', 'points.manage', 'catalogue.edit'],
  meals: ['meals.kitchen', 'meals.menu', 'meals.manage'],
  volunteer: ['volunteer.manage', 'volunteer.approve-hours'],
} as const satisfies Record<string, readonly Permission[]>;

export type StaffMenuEntry = keyof typeof STAFF_MENU_ENTRIES;

export function showsMenuEntry(staff: StaffSession | null, entry: StaffMenuEntry): boolean {
  return STAFF_MENU_ENTRIES[entry].some((p) => staffMay(staff, p));
}
