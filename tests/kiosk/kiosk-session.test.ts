/**
 * Sessions: the idle warning at `idle-ms`, 继续使用, a countdown of at least 20 s, then the wipe —
 * no trace of the resident in the DOM (shadow roots included) or the app state, forms cleared,
 * settings back to the defaults — the home screen, and the attract loop after its own idle time.
 * `atRest` and `linli-kiosk-rest-change` follow all of it.
 */
import { expect } from '@open-wc/testing';
import { deniedSpeechCount, speechVolume } from '../../components/core/read-aloud.ts';
import type { LinliKioskApp } from '../../kiosk/kiosk-app.ts';
import { defaultSettings } from '../../kiosk/session/kiosk-settings.ts';
import type { ResidentSession } from '../../kiosk/session/resident-session.ts';
import { appButton, FakeClock, findInDom, installSpeech, kioskApp, openNotice, restoreSpeech, screenEl, seedStation, voice } from './elder-fixtures.ts';
import { cleanupDbs, expectAaaContrast, testServices, until } from './kiosk-fixtures.ts';

const RESIDENT: ResidentSession = { residentId: 'r-1', name: '张秀英', method: 'pin', startedAt: '2026-11-23T08:00:00.000Z', unspoken: ['13912345678'] };

function signIn(el: LinliKioskApp, session = RESIDENT): void {
  const from = el.shadowRoot!.querySelector('main > *')!;
  from.dispatchEvent(new CustomEvent('linli-resident-signed-in', { detail: { session }, bubbles: true, composed: true }));
}

/** Let the app's 1 s tick see the clock. */
async function tick(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1100));
}

describe('kiosk sessions', () => {
  beforeEach(() => {
    installSpeech([voice('zh-CN', 'Tingting'), voice('en-US', 'Samantha')]);
  });
  afterEach(async () => {
    restoreSpeech();
    await cleanupDbs();
  });

  it('warns after idle-ms, 继续使用 extends, counts down from ≥ 20 s, then wipes the session', async function () {
    this.timeout(30_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const clock = new FakeClock();
    el.clock = clock.now;
    const rest: boolean[] = [];
    el.addEventListener('linli-kiosk-rest-change', (e) => rest.push(e.detail.atRest));
    expect(el.atRest).to.equal(true);

    // A resident signs in, opens a board, types on a keypad and changes every setting.
    signIn(el);
    await el.updateComplete;
    expect(el.residentSession).to.deep.equal(RESIDENT);
    expect(el.atRest).to.equal(false);
    expect(el.shadowRoot!.querySelector('footer .resident')!.textContent).to.equal('张秀英，您好');
    await openNotice(el, 'b');
    const notices = screenEl(el, 'linli-notices-screen');
    notices.shadowRoot!.querySelector<HTMLButtonElement>('button[data-board="公示栏"]')!.click();
    el.updateSettings({ textSize: 3, theme: 'high-contrast', readAloud: true, volume: 0.4, locale: 'en' });
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal('en');
    expect(findInDom('张秀英').length).to.be.greaterThan(0);
    el.dispatchEvent(new Event('input'));

    // Just before idle-ms: nothing. At idle-ms: the warning sheet, spoken (朗读 is on).
    clock.advance(59_000);
    await tick();
    expect(el.idleWarning).to.equal(false);
    clock.advance(1_000);
    await until(() => el.idleWarning, 2000, 'idle warning');
    await el.updateComplete;
    const sheet = el.shadowRoot!.querySelector('linli-confirm-sheet.idle-warning')!;
    expect(sheet).not.to.equal(null);
    expect(el.countdown).to.be.at.least(20);
    expect(sheet.querySelector('.countdown')!.textContent).to.equal('30 seconds left');
    const buttons = [...sheet.shadowRoot!.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Keep using']);
    expect(buttons[0]!.getBoundingClientRect().height).to.be.at.least(88);
    expect(el.shadowRoot!.querySelector('main')!.hasAttribute('inert')).to.equal(true);
    const synth = window.speechSynthesis as unknown as { said: { text: string }[] };
    await until(() => synth.said.some((u) => u.text.includes('Are you still there?')), 2000, 'spoken warning');
    await expectAaaContrast(el);

    // One touch on 继续使用 extends: everything is still there.
    buttons[0]!.click();
    await el.updateComplete;
    expect(el.idleWarning).to.equal(false);
    expect(el.residentSession).to.deep.equal(RESIDENT);
    expect(el.settings.textSize).to.equal(3);
    expect(el.screen).to.equal('notices');

    // Idle again: the warning stays for the whole countdown (≥ 20 s), then the wipe.
    clock.advance(60_000);
    await until(() => el.idleWarning, 2000, 'second warning');
    clock.advance(19_900);
    await tick();
    expect(el.idleWarning).to.equal(true);
    expect(el.residentSession).to.deep.equal(RESIDENT);
    expect(el.countdown).to.be.at.least(10);
    clock.advance(10_200);
    await until(() => !el.idleWarning, 2000, 'wipe');
    await el.updateComplete;

    // Wiped: home, defaults, nobody signed in, nothing of the resident anywhere.
    expect(el.screen).to.equal('home');
    expect(el.resident).to.equal(null);
    expect(el.residentSession).to.equal(null);
    expect(el.settings).to.deep.equal(defaultSettings('zh-CN'));
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    expect(el.dataset.textSize).to.equal('0');
    expect(el.dataset.theme).to.equal('standard');
    expect(getComputedStyle(el).fontSize).to.equal('24px');
    expect(speechVolume()).to.equal(0.8);
    expect(el.lastSpoken).to.equal('');
    expect(deniedSpeechCount()).to.equal(0);
    expect(findInDom('张秀英'), 'name in the DOM').to.deep.equal([]);
    expect(findInDom('13912345678'), 'phone in the DOM').to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('footer .resident')).to.equal(null);
    const state = JSON.stringify({ resident: el.resident, settings: el.settings, spoken: el.lastSpoken, link: el.externalLink });
    expect(state).not.to.contain('张秀英');
    expect(el.atRest).to.equal(true);
    expect(rest).to.deep.equal([false, true]);

    // Screens are new: the notices screen shows all boards again.
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    const fresh = screenEl(el, 'linli-notices-screen');
    expect(fresh).not.to.equal(notices);
    await fresh.updateComplete;
    expect(fresh.shadowRoot!.querySelector('button[data-board=""]')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('forms are cleared: digits typed on a keypad are gone after the wipe', async function () {
    this.timeout(20_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const clock = new FakeClock();
    el.clock = clock.now;
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await el.updateComplete;
    const keypad = screenEl(el, 'linli-staff-sign-in-screen').shadowRoot!.querySelector('linli-numeric-keypad')!;
    for (const d of '97531') [...keypad.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button')].find((b) => b.textContent!.trim() === d)!.click();
    await (keypad as unknown as { updateComplete: Promise<void> }).updateComplete;
    expect(findInDom('97531').length).to.be.greaterThan(0);
    el.dispatchEvent(new Event('input'));
    clock.advance(60_000);
    await until(() => el.idleWarning, 2000, 'warning');
    clock.advance(30_000);
    await until(() => el.screen === 'home', 2000, 'wiped');
    await el.updateComplete;
    expect(findInDom('97531')).to.deep.equal([]);
    expect(deniedSpeechCount()).to.equal(0);
  });

  it('after the wipe the attract loop follows after its own idle time; at rest there is no warning', async function () {
    this.timeout(20_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services, { attractIdleMs: 90_000 });
    const clock = new FakeClock();
    el.clock = clock.now;
    signIn(el);
    el.dispatchEvent(new Event('input'));
    clock.advance(60_000);
    await until(() => el.idleWarning, 2000, 'warning');
    clock.advance(30_000);
    await until(() => el.resident === null, 2000, 'wiped');
    expect(el.screen).to.equal('home');
    // At rest at home: no warning, only the attract loop after attract-idle-ms.
    clock.advance(60_000);
    await tick();
    expect(el.idleWarning).to.equal(false);
    expect(el.screen).to.equal('home');
    clock.advance(30_000);
    await until(() => el.screen === 'attract', 2000, 'attract');
    expect(el.atRest).to.equal(true);
  });

  it('the resident signs out with 退出登录 (or linli-resident-sign-out); staff mode keeps its own timeout', async function () {
    this.timeout(20_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const clock = new FakeClock();
    el.clock = clock.now;
    signIn(el);
    await el.updateComplete;
    appButton(el, 'footer .who button.sign-out')!.click();
    await el.updateComplete;
    expect(el.residentSession).to.equal(null);
    expect(findInDom('张秀英')).to.deep.equal([]);
    signIn(el);
    await el.updateComplete;
    el.shadowRoot!.querySelector('main > *')!.dispatchEvent(new CustomEvent('linli-resident-sign-out', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.residentSession).to.equal(null);

    // Staff: 60 s idle is nothing; the staff timeout (5 min) still applies.
    (el as unknown as { staff: unknown }).staff = { staffNo: '1001', name: '王芳', role: 'manager' };
    el.goHome();
    await el.updateComplete;
    expect(el.atRest).to.equal(false);
    el.dispatchEvent(new Event('input'));
    clock.advance(90_000);
    await tick();
    expect(el.idleWarning).to.equal(false);
    expect(el.staff).not.to.equal(null);
    clock.advance(5 * 60_000);
    await until(() => el.staff === null, 2000, 'staff timeout');
    expect(el.screen).to.equal('home');
  });

  it('atRest: false on another screen, with a sheet open or with changed settings; events only on change', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const rest: boolean[] = [];
    el.addEventListener('linli-kiosk-rest-change', (e) => {
      expect(e.bubbles && e.composed).to.equal(true);
      rest.push(e.detail.atRest);
    });
    expect(el.atRest).to.equal(true);
    el.updateSettings({ textSize: 1 });
    await el.updateComplete;
    expect(el.atRest).to.equal(false);
    el.updateSettings({ textSize: 0 });
    await el.updateComplete;
    expect(el.atRest).to.equal(true);
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    expect(el.atRest).to.equal(false);
    el.goHome();
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(rest).to.deep.equal([false, true, false, true]);
  });
});
