/**
 * The staff half of issue 13 at the kiosk: the command key derived at sign-in lives in memory
 * only, every staff command the kiosk queues carries a proof the server can check, the key goes
 * at sign-out, and the staff menu shows only what the role may do.
 */
import { expect } from '@open-wc/testing';
import '../../kiosk/define.ts';
import { bytesToBase64, deriveCommandKey, verifyCommandProof, type Command } from '../../domain/index.ts';
import type { LinliKioskApp } from '../../kiosk/kiosk-app.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { signInStaff } from '../../kiosk/staff/staff-sign-in.ts';
import { kioskApp, screenEl, seedStation } from './elder-fixtures.ts';
import { cleanupDbs, notice, NOW, STAFF_COMMAND_KEY_SALT, STAFF_SECRET, testServices, until } from './kiosk-fixtures.ts';

async function signInOnScreen(el: LinliKioskApp, staffNo: string, secret: string): Promise<void> {
  el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
  el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  await el.updateComplete;
  const screen = screenEl(el, 'linli-staff-sign-in-screen');
  const press = async (pad: Element, digits: string) => {
    for (const d of digits) {
      [...pad.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button')].find((b) => b.textContent!.trim() === d)!.click();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  // 1-0, a pause, 0-1: the same key twice at once is a double tap.
  await press(screen.shadowRoot!.querySelector('linli-numeric-keypad')!, staffNo.slice(0, 2));
  await new Promise((r) => setTimeout(r, 400));
  await press(screen.shadowRoot!.querySelector('linli-numeric-keypad')!, staffNo.slice(2));
  screen.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
  await screen.updateComplete;
  await press(screen.shadowRoot!.querySelector('linli-numeric-keypad.pin')!, secret);
  await screen.updateComplete;
  screen.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
  await until(() => el.screen === 'staff-notices', 5000, 'staff signed in');
}

/** Every value in every IndexedDB store of the kiosk, and localStorage, as one text. */
async function everythingStored(services: ReturnType<typeof testServices>): Promise<string> {
  const dump = await services.db.run(async (conn) => {
    const out: unknown[] = [];
    for (const name of conn.objectStoreNames) out.push(name, await conn.getAll(name), await conn.getAllKeys(name));
    return out;
  });
  return JSON.stringify(dump) + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
}

describe('staff secrets at the kiosk', () => {
  afterEach(cleanupDbs);

  it('a staff command queued after sign-in carries a proof by K; K is stored nowhere and goes at sign-out', async function () {
    this.timeout(20_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    await signInOnScreen(el, '1001', STAFF_SECRET);
    const stationId = 's1';
    await saveNotice(services.outbox, stationId, el.staff!, null, { ...notice({ id: 'n-new', title: '站里的新公告' }) });
    const [record] = await services.outbox.pending();
    const command = record!.command as Command;
    expect(command.actor.staffNo).to.equal('1001');
    expect(command.actor.staffProof).to.match(/^[A-Za-z0-9+/]{43}=$/);
    // The server's check: K from the secret and the replicated salt, the same iterations as the verifier.
    const k = await deriveCommandKey(STAFF_SECRET, STAFF_COMMAND_KEY_SALT, 1000);
    expect(await verifyCommandProof(k, command, command.actor.staffProof)).to.equal(true);
    // Renumbered (after a restore or re-pairing) it still holds; changed, it does not.
    expect(await verifyCommandProof(k, { ...command, seq: 99 } as Command, command.actor.staffProof)).to.equal(true);
    expect(await verifyCommandProof(k, { ...command, createdAt: new Date(NOW.getTime() + 60_000).toISOString() } as Command, command.actor.staffProof)).to.equal(false);
    // Neither K nor the secret is in IndexedDB, localStorage or sessionStorage.
    const stored = await everythingStored(services);
    expect(stored).not.to.contain(bytesToBase64(k));
    expect(stored).not.to.contain(STAFF_SECRET);

    // Signed out: the key is gone, and a command queued in 1001's name now has no proof.
    el.signOutStaff();
    await el.updateComplete;
    expect(services.staffKeys.holds('1001')).to.equal(false);
    await saveNotice(services.outbox, stationId, { staffNo: '1001', name: '王芳', role: 'manager' }, null, { ...notice({ id: 'n-late', title: '退出后' }) });
    const late = (await services.outbox.pending()).map((r) => r.command).find((c) => c.type === 'notice.save' && c.payload.draft.title === '退出后')!;
    expect(late.actor.staffProof).to.equal(undefined);
  });

  it('signInStaff refuses a 4-digit PIN even when it is the start of the secret, and derives the key only on success', async () => {
    const services = testServices();
    await seedStation(services);
    const short = await signInStaff(services.db, '1001', STAFF_SECRET.slice(0, 4), NOW);
    expect(short.ok).to.equal(false);
    const ok = await signInStaff(services.db, '1001', STAFF_SECRET, NOW);
    expect(ok.ok).to.equal(true);
    if (ok.ok) {
      expect(ok.commandKey.extractable).to.equal(false);
      expect(ok.commandKey.usages).to.deep.equal(['sign']);
    }
  });

  it('the staff menu hides what the role may not do: kitchen staff see the kitchen, not residents, points, volunteers or new notices', async function () {
    this.timeout(20_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const menuOf = async (role: 'kitchen' | 'manager') => {
      el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
      el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
      await el.updateComplete;
      // What the sign-in screen fires after checking the secret (the role comes from the replicated credential).
      screenEl(el, 'linli-staff-sign-in-screen').dispatchEvent(new CustomEvent('linli-staff-signed-in', { detail: { staff: { staffNo: '1001', name: '王芳', role } }, bubbles: true, composed: true }));
      await until(() => el.screen === 'staff-notices' && el.staff?.role === role, 2000, `staff ${role}`);
      await el.updateComplete;
      const list = screenEl(el, 'linli-staff-notices-screen');
      await until(() => (list.shadowRoot?.querySelectorAll('li').length ?? 0) === 3, 2000, 'staff list');
      const app = [...el.shadowRoot!.querySelectorAll('main .actions button')].map((b) => b.className);
      const screen = [...list.shadowRoot!.querySelectorAll('button')].map((b) => b.className.replace('primary ', ''));
      return { app, screen };
    };
    const kitchen = await menuOf('kitchen');
    expect(kitchen.app).to.deep.equal(['meal-kitchen']);
    expect(kitchen.screen).not.to.include.members(['new']);
    expect(kitchen.screen.filter((c) => ['new', 'new-emergency', 'edit', 'retire'].includes(c))).to.deep.equal([]);
    el.signOutStaff();
    await el.updateComplete;
    const manager = await menuOf('manager');
    expect(manager.app).to.deep.equal(['resident-services', 'points-staff', 'meal-kitchen', 'volunteer-attendance']);
    expect(manager.screen).to.include.members(['new', 'new-emergency', 'edit', 'retire']);
  });
});
