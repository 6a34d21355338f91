import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import { findResidents, hashCardNumber, maskPhone, normalizeCardNumber, verifyPin, type Command } from '../../domain/index.ts';
import type { LinliKioskApp } from '../../kiosk/kiosk-app.ts';
import { attachCardSignIn, CardReaderListener } from '../../kiosk/residents/card-reader.ts';
import type { LinliNewPin } from '../../kiosk/residents/new-pin.ts';
import { enqueueForResident, findResidentByCard, signInResident } from '../../kiosk/residents/resident-sign-in.ts';
import type { LinliResidentSignInScreen } from '../../kiosk/residents/resident-sign-in-screen.ts';
import type { LinliResidentStaffScreen } from '../../kiosk/residents/resident-staff-screen.ts';
import type { ResidentSession } from '../../kiosk/session/resident-session.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import { applyPullPage } from '../../kiosk/store/replica.ts';
import type { LinliNumericKeypad } from '../../kiosk/ui/numeric-keypad.ts';
import { cleanupDbs, expectAaaContrast, freshDb, NOW, seed, staffMember, testServices, until } from './kiosk-fixtures.ts';
import { demoResidents, seedResidents, tapDigits, ZHANG_CARD } from './residents-fixtures.ts';

const staff: StaffSession = { staffNo: '1001', name: '王芳', role: 'social-worker' };
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('resident sign-in (offline, phone + PIN)', () => {
  afterEach(cleanupDbs);

  it('accepts the right PIN, refuses a wrong one counting down, and treats unknown and inactive numbers alike', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    const ok = await signInResident(db, '138 0013 8001', '1111', NOW);
    expect(ok.ok && ok.resident.name).to.equal('张秀英');
    expect(await signInResident(db, '13800138001', '1112', NOW)).to.deep.equal({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    // Offline, a number this kiosk holds no verifier for — unknown or inactive — gets one answer
    // (the one a resident linked to other kiosks only gets: tests/kiosk/resident-online-sign-in.test.ts).
    expect(await signInResident(db, '13600000000', '1111', NOW)).to.deep.equal({ ok: false, reason: 'needs-online' });
    expect(await signInResident(db, '13700000001', '1111', NOW)).to.deep.equal({ ok: false, reason: 'needs-online' });
    // The right PIN resets the count.
    expect((await signInResident(db, '13800138001', '1111', NOW)).ok).to.equal(true);
    expect(await signInResident(db, '13800138001', '0000', NOW)).to.deep.equal({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('locks a number for 15 minutes after 5 wrong PINs, kept in IndexedDB across a reopen, even for the right PIN', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    for (let i = 0; i < 4; i++) expect((await signInResident(db, '13800138002', '0000', NOW)).ok).to.equal(false);
    const fifth = await signInResident(db, '13800138002', '0000', NOW);
    expect(fifth.ok === false && fifth.reason).to.equal('locked');
    // Another resident is not locked.
    expect((await signInResident(db, '13800138001', '1111', NOW)).ok).to.equal(true);
    db.close();
    const reopened = new KioskDb(db.name);
    const still = await signInResident(reopened, '13800138002', '2222', minutes(14));
    expect(still.ok === false && still.reason).to.equal('locked');
    expect((await signInResident(reopened, '13800138002', '2222', new Date(minutes(15).getTime() + 1))).ok).to.equal(true);
    reopened.close();
  });

  it('signs in on the big keypad: the phone number, then a masked PIN, with plain messages', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    const el = await fixture<LinliResidentSignInScreen>(html`<linli-resident-sign-in-screen lang="zh-CN" .db=${db} .now=${() => NOW}></linli-resident-sign-in-screen>`);
    await expectAaaContrast(el);
    const sessions: ResidentSession[] = [];
    el.addEventListener('linli-resident-signed-in', (e) => sessions.push(e.detail.session));
    const alert = () => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim();
    const phonePad = el.shadowRoot!.querySelector<LinliNumericKeypad>('linli-numeric-keypad.phone')!;

    await tapDigits(phonePad, '12345678901');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
    await el.updateComplete;
    expect(alert()).to.equal('手机号应为 11 位数字，以 1 开头');
    phonePad.value = '';
    el.phone = '';
    await el.updateComplete;

    await tapDigits(phonePad, '13800138001');
    await el.updateComplete;
    expect(el.phone).to.equal('13800138001');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
    await el.updateComplete;
    const pinPad = el.shadowRoot!.querySelector<LinliNumericKeypad>('linli-numeric-keypad.pin')!;
    expect(pinPad.masked).to.equal(true);
    await tapDigits(pinPad, '1234');
    await el.updateComplete;
    expect(pinPad.shadowRoot!.querySelector('.display')!.textContent).to.contain('●●●●').and.not.to.contain('1234');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => el.message.length > 0, 3000, 'wrong PIN message');
    expect(alert()).to.equal('号码或密码不对，还可以再试 4 次');
    expect(sessions).to.deep.equal([]);
    await expectAaaContrast(el);

    await tapDigits(pinPad, '1111');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => sessions.length > 0, 3000, 'signed in');
    expect(sessions[0]!).to.include({ residentId: 'r-zhang', name: '张秀英', method: 'pin', startedAt: NOW.toISOString() });
    expect(sessions[0]!.proxyStaffNo).to.equal(undefined);
    expect(sessions[0]!.unspoken).to.include('13800138001');
  });

  it('says the number is locked after the fifth wrong PIN', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    for (let i = 0; i < 4; i++) await signInResident(db, '13800138001', '0000', NOW);
    const el = await fixture<LinliResidentSignInScreen>(html`<linli-resident-sign-in-screen lang="zh-CN" .db=${db} .now=${() => NOW}></linli-resident-sign-in-screen>`);
    el.phone = '13800138001';
    el.step = 'pin';
    el.pin = '9999';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => el.message.length > 0, 3000, 'locked message');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('已锁定，请 15 分钟后再试或请工作人员帮忙');
  });
});

describe('resident cards', () => {
  afterEach(cleanupDbs);

  it('normalises card numbers and hashes them per station', async () => {
    expect(normalizeCardNumber(' 0012-3456 78 ')).to.equal('0012345678');
    expect(normalizeCardNumber('ab12cd')).to.equal('AB12CD');
    expect(normalizeCardNumber('123')).to.equal(null);
    expect(normalizeCardNumber('12 34 5!')).to.equal(null);
    const a = await hashCardNumber('s1', '0012345678');
    expect(a).to.match(/^[0-9a-f]{64}$/);
    expect(await hashCardNumber('s1', '0012-345678')).to.equal(a);
    expect(await hashCardNumber('s2', '0012345678')).not.to.equal(a);
  });

  async function swipe(target: EventTarget, text: string, gapMs = 0): Promise<void> {
    for (const key of [...text, 'Enter']) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  it('a fast swipe ending in Enter on any screen signs the resident in; the focused field stays unchanged', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    const host = await fixture<HTMLDivElement>(html`<div><input class="unrelated" value="公告" /></div>`);
    const input = host.querySelector('input')!;
    const sessions: ResidentSession[] = [];
    host.addEventListener('linli-resident-signed-in', (e) => sessions.push(e.detail.session));
    let keysReachingInput = 0;
    input.addEventListener('keydown', () => keysReachingInput++);
    const detach = attachCardSignIn(window, { eventSource: () => host, db: () => db, now: () => NOW, showSignIn: () => undefined });
    try {
      input.focus();
      await swipe(input, ZHANG_CARD);
      await until(() => sessions.length > 0, 3000, 'card sign-in');
      expect(sessions[0]!).to.include({ residentId: 'r-zhang', method: 'card' });
      expect(input.value).to.equal('公告');
      expect(keysReachingInput).to.equal(0);
    } finally {
      detach();
    }
  });

  it('slow human typing is not a card: it lands in the field as typed', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    const host = await fixture<HTMLDivElement>(html`<div><input class="unrelated" value="" /></div>`);
    const input = host.querySelector('input')!;
    const sessions: ResidentSession[] = [];
    host.addEventListener('linli-resident-signed-in', (e) => sessions.push(e.detail.session));
    const typed: string[] = [];
    input.addEventListener('input', () => typed.push(input.value));
    const detach = attachCardSignIn(window, { eventSource: () => host, db: () => db, now: () => NOW, showSignIn: () => undefined });
    try {
      input.focus();
      await swipe(input, ZHANG_CARD, 90);
      await new Promise((r) => setTimeout(r, 150));
      expect(input.value).to.equal(ZHANG_CARD);
      expect(typed.length).to.equal(ZHANG_CARD.length);
      expect(sessions).to.deep.equal([]);
    } finally {
      detach();
    }
  });

  it('a short fast burst (fewer than 6 keys) is handed on, and keys reach the numeric keypad unchanged', async () => {
    const keypad = await fixture<LinliNumericKeypad>(html`<linli-numeric-keypad lang="zh-CN" max-length="8"></linli-numeric-keypad>`);
    const cards: string[] = [];
    const reader = new CardReaderListener({ onCard: (c) => cards.push(c) });
    const detach = reader.attach(window);
    try {
      keypad.focus();
      await swipe(keypad, '1234');
      await until(() => keypad.value === '1234', 1000, 'keys replayed to the keypad');
      expect(cards).to.deep.equal([]);
    } finally {
      detach();
    }
  });

  it('an unknown card is reported and the sign-in screen shows it', async () => {
    const db = freshDb();
    await seed(db);
    await seedResidents(db);
    const screen = await fixture<LinliResidentSignInScreen>(html`<linli-resident-sign-in-screen lang="zh-CN" .db=${db} .now=${() => NOW}></linli-resident-sign-in-screen>`);
    let showSignIn = 0;
    const detach = attachCardSignIn(window, { eventSource: () => screen, db: () => db, now: () => NOW, showSignIn: () => showSignIn++ });
    try {
      await swipe(document.body, '99999999');
      await until(() => screen.message.length > 0, 3000, 'unknown card message');
      expect(screen.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('这张卡在这台终端上还不能登录，请用手机号和密码登录，或请工作人员帮忙');
      expect(showSignIn).to.equal(0);
      expect(await findResidentByCard(db, '99999999')).to.equal(null);
      expect((await findResidentByCard(db, ZHANG_CARD))!.name).to.equal('张秀英');
    } finally {
      detach();
    }
  });

  it('in the app: a swipe on the home screen signs the resident in and offers 我的', async () => {
    const services = testServices();
    await seed(services.db);
    await seedResidents(services.db);
    const el = await fixture<LinliKioskApp>(html`<linli-kiosk-app lang="zh-CN" .services=${services}></linli-kiosk-app>`);
    await until(() => el.ready, 3000, 'app ready');
    await swipe(document.body, ZHANG_CARD);
    await until(() => el.resident !== null, 3000, 'resident signed in');
    expect(el.resident).to.include({ residentId: 'r-zhang', method: 'card' });
    await el.updateComplete;
    const tile = el.shadowRoot!.querySelector('main linli-resident-tile')!;
    await (tile as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(tile.shadowRoot!.querySelector('[data-tile="mine"]')).to.not.equal(null);
  });
});

describe('staff: registering residents, PIN resets, proxy mode', () => {
  afterEach(cleanupDbs);

  async function staffScreen(): Promise<{ el: LinliResidentStaffScreen; services: ReturnType<typeof testServices> }> {
    const services = testServices();
    await seed(services.db, { staff: [await staffMember()] });
    await seedResidents(services.db);
    const el = await fixture<LinliResidentStaffScreen>(
      html`<linli-resident-staff-screen lang="zh-CN" pin-iterations="1000" .services=${services} .staff=${staff}></linli-resident-staff-screen>`,
    );
    return { el, services };
  }
  const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel as string) as T;
  async function typeInto(el: LinliResidentStaffScreen, sel: string, value: string): Promise<void> {
    const input = q<HTMLInputElement>(el, sel);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  }
  async function newPin(el: LinliResidentStaffScreen, first: string, second: string): Promise<void> {
    const step = q<LinliNewPin>(el, 'linli-new-pin');
    await step.updateComplete;
    await tapDigits(q<LinliNumericKeypad>(step, 'linli-numeric-keypad'), first);
    await step.updateComplete;
    q<HTMLButtonElement>(step, 'button.confirm-pin').click();
    await step.updateComplete;
    await tapDigits(q<LinliNumericKeypad>(step, 'linli-numeric-keypad'), second);
    await step.updateComplete;
    q<HTMLButtonElement>(step, 'button.confirm-pin').click();
    await step.updateComplete;
    await el.updateComplete;
  }

  it('registers a resident: validation in plain words, consent time, PIN twice, a card, and a PBKDF2 hash in the outbox', async () => {
    const { el, services } = await staffScreen();
    await expectAaaContrast(el);
    q<HTMLButtonElement>(el, 'button.open-register').click();
    await el.updateComplete;
    await expectAaaContrast(el);
    await typeInto(el, 'input.phone', '13800138001');
    await typeInto(el, 'input.birthYear', '1899');
    q<HTMLButtonElement>(el, 'button.to-pin').click();
    await until(() => Object.keys(el.errors).length > 0, 2000, 'errors');
    await el.updateComplete;
    expect(el.errors).to.deep.equal({
      name: '请填写姓名',
      phone: '这个手机号已经登记过了',
      birthYear: `出生年份应在 1900 到 ${NOW.getUTCFullYear()} 之间`,
      building: '请填写楼号，例如 3 号楼 2 单元',
      consentAt: '请先向居民说明用途，并勾选“已告知并同意”',
    });
    expect(q(el, '[role="alert"]').textContent).to.contain('有 5 处需要修改');
    expect(q(el, 'input.name').getAttribute('aria-invalid')).to.equal('true');

    await typeInto(el, 'input.name', '孙桂香');
    await typeInto(el, 'input.phone', '15900001234');
    await typeInto(el, 'input.birthYear', '1947');
    await typeInto(el, 'input.building', '9 号楼 1 单元');
    q<HTMLInputElement>(el, 'input.consent-box').click();
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.to-pin').click();
    await until(() => el.mode === 'register-pin', 2000, 'PIN step');
    await el.updateComplete;

    // Two different PINs start over; then the same PIN twice.
    await newPin(el, '2580', '2581');
    expect(q(q(el, 'linli-new-pin'), '[role="alert"]').textContent).to.contain('两次输入的密码不一样');
    await newPin(el, '2580', '2580');
    expect(el.mode).to.equal('register-card');

    // A swipe here is the new resident's card: it is taken, nobody is signed in.
    const read = new CustomEvent('linli-card-read', { detail: { cardNumber: '0099887766' }, cancelable: true });
    window.dispatchEvent(read);
    expect(read.defaultPrevented).to.equal(true);
    await until(() => el.cardHash !== null, 2000, 'card taken');
    q<HTMLButtonElement>(el, 'button.save').click();
    await until(() => el.mode === 'hub', 3000, 'saved');
    await el.updateComplete;
    expect(q(el, '.message').textContent).to.contain('已登记');

    const [record] = await services.outbox.pending();
    const cmd = record!.command as Command<'resident.register'>;
    expect(cmd.type).to.equal('resident.register');
    expect(cmd.actor).to.deep.equal({ staffNo: '1001' });
    expect(cmd.payload).to.include({ name: '孙桂香', phone: '15900001234', birthYear: 1947, building: '9 号楼 1 单元', consentAt: NOW.toISOString() });
    expect(cmd.payload.pinHash).to.match(/^pbkdf2-sha256\$1000\$/);
    expect(JSON.stringify(cmd)).not.to.contain('2580');
    expect(await verifyPin('2580', cmd.payload.pinHash)).to.equal(true);
    expect(cmd.payload.cardHash).to.equal(await hashCardNumber('s1', '0099887766'));
    // Offline: the new resident can sign in on this kiosk at once, by PIN and by card.
    expect((await signInResident(services.db, '15900001234', '2580', NOW)).ok).to.equal(true);
    expect((await findResidentByCard(services.db, '0099887766'))!.name).to.equal('孙桂香');
  });

  it('keeps the registration when the server accepts it, and removes it when refused as a duplicate', async () => {
    const { el, services } = await staffScreen();
    el.mode = 'register';
    el.form = { name: '周凤兰', phone: '15900005678', birthYear: '1944', building: '2 号楼', consentAt: NOW.toISOString() };
    el.pin = '4826';
    el.mode = 'register-card';
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.save').click();
    await until(() => el.mode === 'hub', 3000, 'saved');
    const cmd = (await services.outbox.pending())[0]!.command as Command<'resident.register'>;
    services.server.pushQueue.push(() => new Response(JSON.stringify({ outcomes: [{ seq: 1, commandId: cmd.id, status: 'rejected', reason: '手机号 159****5678 已经登记过了' }], lastSeq: 1 }), { headers: { 'Content-Type': 'application/json' } }));
    await services.engine.syncNow();
    expect(await services.db.run((c) => c.get('residents', cmd.payload.residentId))).to.equal(undefined);
    const attention = await services.db.run((c) => c.getAll('attention'));
    expect(attention.map((a) => a.reason)).to.deep.equal(['手机号 159****5678 已经登记过了']);
  });

  it('resets a PIN: find the resident, they type the new PIN twice, set-pin goes into the outbox', async () => {
    const { el, services } = await staffScreen();
    q<HTMLButtonElement>(el, 'button.open-reset').click();
    await el.updateComplete;
    await typeInto(el, 'input.find-name', '李');
    q<HTMLButtonElement>(el, 'button.find').click();
    await until(() => el.results !== null, 2000, 'results');
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'li[data-resident="r-li"] button.choose').click();
    await el.updateComplete;
    expect(el.mode).to.equal('reset-pin');
    await newPin(el, '7395', '7395');
    await until(() => el.mode === 'hub', 3000, 'reset saved');
    const cmd = (await services.outbox.pending())[0]!.command as Command<'resident.set-pin'>;
    expect(cmd.type).to.equal('resident.set-pin');
    expect(cmd.payload).to.include({ residentId: 'r-li', baseRevision: 1 });
    expect(cmd.actor).to.deep.equal({ staffNo: '1001' });
    expect(JSON.stringify(cmd)).not.to.contain('7395');
    expect((await signInResident(services.db, '13800138002', '7395', NOW)).ok).to.equal(true);
    expect((await signInResident(services.db, '13800138002', '2222', NOW)).ok).to.equal(false);
    // A pull of the old copy does not undo the pending reset.
    const old = (await demoResidents()).find((r) => r.id === 'r-li')!;
    await applyPullPage(services.db, { changes: [{ seq: 9, id: 'r-li', entity: 'resident', op: 'put', data: old }], cursor: 9, more: false });
    expect((await signInResident(services.db, '13800138002', '7395', NOW)).ok).to.equal(true);
  });

  it('finds residents by name, building or the last four digits, showing masked phones only', async () => {
    const all = await demoResidents();
    expect(findResidents(all, {}).map((r) => r.id)).to.deep.equal([]);
    expect(findResidents(all, { name: '张' }).map((r) => r.id)).to.deep.equal(['r-zhang']);
    expect(findResidents(all, { building: '3 号楼' }).map((r) => r.id).sort()).to.deep.equal(['r-wang', 'r-zhang']);
    expect(findResidents(all, { phoneLast4: '8002' }).map((r) => r.id)).to.deep.equal(['r-li']);
    expect(findResidents(all, { building: '3 号楼', phoneLast4: '5678' }).map((r) => r.id)).to.deep.equal(['r-wang']);

    const { el } = await staffScreen();
    q<HTMLButtonElement>(el, 'button.open-proxy').click();
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.find').click();
    await el.updateComplete;
    expect(q(el, '.message').textContent).to.contain('请至少填写一项');
    for (const [sel, value, expected] of [
      ['input.find-name', '秀英', ['r-zhang']],
      ['input.find-building', '3 号楼', ['r-wang', 'r-zhang']],
      ['input.find-phoneLast4', '8001', ['r-zhang']],
    ] as const) {
      await typeInto(el, 'input.find-name', '');
      await typeInto(el, 'input.find-building', '');
      await typeInto(el, 'input.find-phoneLast4', '');
      await typeInto(el, sel, value);
      q<HTMLButtonElement>(el, 'button.find').click();
      await until(() => el.results !== null && el.results.length === expected.length, 2000, `results for ${value}`);
      await el.updateComplete;
      const rows = [...el.shadowRoot!.querySelectorAll('li[data-resident]')];
      expect(rows.map((r) => r.getAttribute('data-resident')).sort()).to.deep.equal([...expected].sort());
      for (const row of rows) expect(row.textContent).to.not.match(/1[3-9]\d{9}/);
    }
    expect(q(el, 'li[data-resident="r-zhang"] .phone').textContent).to.equal(maskPhone('13800138001'));
    expect(q(el, 'li[data-resident="r-zhang"] .phone').textContent).to.equal('138****8001');
    expect(q(el, 'li[data-resident="r-zhang"] .building').textContent).to.equal('3 号楼 2 单元');
    await expectAaaContrast(el);
  });

  it('proxy mode: choosing a resident records proxy-session, starts a proxy session, and later commands carry both', async () => {
    const { el, services } = await staffScreen();
    const sessions: ResidentSession[] = [];
    el.addEventListener('linli-resident-signed-in', (e) => sessions.push(e.detail.session));
    q<HTMLButtonElement>(el, 'button.open-proxy').click();
    await el.updateComplete;
    await typeInto(el, 'input.find-phoneLast4', '8002');
    q<HTMLButtonElement>(el, 'button.find').click();
    await until(() => el.results !== null, 2000, 'results');
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'li[data-resident="r-li"] button.choose').click();
    await until(() => sessions.length > 0, 3000, 'proxy session');
    expect(sessions[0]!).to.include({ residentId: 'r-li', name: '李淑珍', method: 'proxy', proxyStaffNo: '1001' });
    const [start] = await services.outbox.pending();
    expect(start!.command.type).to.equal('resident.proxy-session');
    expect(start!.command.actor).to.deep.equal({ staffNo: '1001', residentId: 'r-li' });
    expect(start!.command.payload).to.deep.equal({ residentId: 'r-li', startedAt: sessions[0]!.startedAt });

    const next = await enqueueForResident(services.outbox, sessions[0]!, { type: 'resident.set-pin', payload: { residentId: 'r-li', pinHash: 'x', baseRevision: 1 } });
    expect(next.actor).to.deep.equal({ staffNo: '1001', residentId: 'r-li' });
    const own = await enqueueForResident(services.outbox, { residentId: 'r-li', name: '李淑珍', method: 'pin', startedAt: NOW.toISOString() }, { type: 'resident.set-pin', payload: { residentId: 'r-li', pinHash: 'x', baseRevision: 1 } });
    expect(own.actor).to.deep.equal({ residentId: 'r-li' });
  });
});
