/**
 * Residents for the kiosk tests: cheap PIN hashes (tests only), put straight into the replica.
 * With a PIN hash, as a kiosk linked to them holds them (registered, PIN set or signed in online
 * there); `withoutVerifier` gives the copy an unlinked kiosk receives.
 */
import { hashCardNumber, hashPin, type KioskResident, type Resident } from '../../domain/index.ts';
import type { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import type { LinliNumericKeypad } from '../../kiosk/ui/numeric-keypad.ts';
import { NOW } from './kiosk-fixtures.ts';

export const ZHANG_CARD = '0012345678';

const hashes = new Map<string, Promise<string>>();
function cheapHash(pin: string): Promise<string> {
  if (!hashes.has(pin)) hashes.set(pin, hashPin(pin, 1000));
  return hashes.get(pin)!;
}

/** 张秀英 (PIN 1111, card 0012345678), 李淑珍 (2222), 王建华 (3333), and an inactive one. */
export async function demoResidents(): Promise<Resident[]> {
  const base = { stationId: 's1', consentAt: NOW.toISOString(), active: true, revision: 1, updatedAt: NOW.toISOString() };
  return [
    { ...base, id: 'r-zhang', name: '张秀英', phone: '13800138001', birthYear: 1941, building: '3 号楼 2 单元', pinHash: await cheapHash('1111'), cardHash: await hashCardNumber('s1', ZHANG_CARD) },
    { ...base, id: 'r-li', name: '李淑珍', phone: '13800138002', birthYear: 1946, building: '5 号楼 1 单元', pinHash: await cheapHash('2222'), cardHash: null },
    { ...base, id: 'r-wang', name: '王建华', phone: '13912345678', birthYear: 1950, building: '3 号楼 1 单元', pinHash: await cheapHash('3333'), cardHash: null },
    { ...base, id: 'r-gone', name: '张离开', phone: '13700000001', birthYear: 1940, building: '3 号楼 2 单元', pinHash: await cheapHash('1111'), cardHash: null, active: false },
  ];
}

/** The copy of a resident a kiosk not linked to her receives: no PIN hash. */
export function withoutVerifier(resident: KioskResident): KioskResident {
  const { pinHash: _dropped, ...rest } = resident;
  return rest;
}

export async function seedResidents<R extends KioskResident = Resident>(db: KioskDb, residents?: R[]): Promise<R[]> {
  const list = residents ?? ((await demoResidents()) as KioskResident[] as R[]);
  await db.run(async (conn) => {
    const tx = conn.transaction('residents', 'readwrite');
    for (const r of list) await tx.store.put(r);
    await tx.done;
  });
  db.notifyChanged();
  return list;
}

function keypadKey(keypad: LinliNumericKeypad, label: string): HTMLButtonElement {
  return [...keypad.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button')].find((b) => b.textContent!.trim() === label)!;
}

/** Tap digits on the big keypad; a repeated digit waits out the double-tap guard (a person would too). */
const lastTap = new WeakMap<LinliNumericKeypad, { digit: string; at: number }>();

export async function tapDigits(keypad: LinliNumericKeypad, digits: string): Promise<void> {
  for (const d of digits) {
    const last = lastTap.get(keypad);
    const since = last ? performance.now() - last.at : Infinity;
    if (last?.digit === d && since < 380) await new Promise((r) => setTimeout(r, 380 - since));
    keypadKey(keypad, d).click();
    lastTap.set(keypad, { digit: d, at: performance.now() });
    await new Promise((r) => setTimeout(r, 0));
  }
  await keypad.updateComplete;
}
