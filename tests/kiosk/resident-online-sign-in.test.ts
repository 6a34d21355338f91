/**
 * Resident sign-in at a kiosk that holds PIN verifiers only for residents linked to it: offline
 * as before where it holds hers; online by the server where it does not, keeping the verifier it
 * answers for next time; a plain sentence offline without one; and a resident whose PIN must be
 * set again (a lost kiosk held it) is refused offline, online and by card.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import { hashPin, type KioskResident } from '../../domain/index.ts';
import { onlineResidentSignIn } from '../../kiosk/residents/online-sign-in.ts';
import { findResidentByCard, signInResident } from '../../kiosk/residents/resident-sign-in.ts';
import type { LinliResidentSignInScreen } from '../../kiosk/residents/resident-sign-in-screen.ts';
import { applyPullPage } from '../../kiosk/store/replica.ts';
import { cleanupDbs, json, NOW, seed, testServices, until } from './kiosk-fixtures.ts';
import { demoResidents, seedResidents, withoutVerifier, ZHANG_CARD } from './residents-fixtures.ts';

/** 张秀英 linked here (verifier held); 李淑珍 and 王建华 not; 张秀英's card works, a flagged card does not. */
async function kioskWithSomeVerifiers(over: Partial<Parameters<typeof testServices>[2]> = {}) {
  const services = testServices(undefined, undefined, over);
  await seed(services.db);
  const [zhang, li, wang] = await demoResidents();
  await seedResidents<KioskResident>(services.db, [zhang!, withoutVerifier(li!), withoutVerifier(wang!)]);
  return { services, zhang: zhang!, li: li!, wang: wang! };
}

const signInCalls = (services: ReturnType<typeof testServices>) => services.server.requests.filter((r) => r.url.endsWith('/sync/resident-sign-in'));

describe('resident sign-in where this kiosk may not hold the verifier', () => {
  afterEach(cleanupDbs);

  it('offline without her verifier: a plain sentence, nothing counted; an unknown number answers the same', async () => {
    const { services, li } = await kioskWithSomeVerifiers({ isOnline: () => false });
    const online = onlineResidentSignIn(services);
    expect(await signInResident(services.db, li.phone, '2222', NOW, online)).to.deep.equal({ ok: false, reason: 'needs-online' });
    expect(await signInResident(services.db, '13600000000', '2222', NOW, online)).to.deep.equal({ ok: false, reason: 'needs-online' });
    expect(signInCalls(services)).to.have.length(0);
    // Her verifier held here still works offline.
    expect((await signInResident(services.db, '13800138001', '1111', NOW, online)).ok).to.equal(true);

    const el = await fixture<LinliResidentSignInScreen>(html`<linli-resident-sign-in-screen lang="zh-CN" .db=${services.db} .now=${() => NOW} .online=${online}></linli-resident-sign-in-screen>`);
    el.phone = li.phone;
    el.step = 'pin';
    el.pin = '2222';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => el.message.length > 0, 3000, 'offline message');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('这台终端还不能离线登录您的账号，请联网后再试，或请工作人员帮忙');
    await expect(el).to.be.accessible();
  });

  it('online without her verifier: the server checks the PIN, the verifier it answers is kept, the next sign-in works offline', async () => {
    let onlineNow = true;
    const { services, li } = await kioskWithSomeVerifiers({ isOnline: () => onlineNow });
    const online = onlineResidentSignIn(services);
    const withVerifier: KioskResident = { ...withoutVerifier(li), pinHash: await hashPin('2222', 1000) };
    services.server.residentSignInQueue.push(() => json({ error: 'wrong-pin', message: '手机号或密码不对' }, 401), () => json({ resident: withVerifier }));

    expect(await signInResident(services.db, li.phone, '9999', NOW, online)).to.deep.equal({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    const ok = await signInResident(services.db, li.phone, '2222', NOW, online);
    expect(ok.ok && ok.resident.name).to.equal('李淑珍');
    const calls = signInCalls(services);
    expect(calls.map((c) => [c.method, c.headers.authorization, c.body])).to.deep.equal([
      ['POST', 'Bearer token-1', { phone: li.phone, pin: '9999' }],
      ['POST', 'Bearer token-1', { phone: li.phone, pin: '2222' }],
    ]);
    const stored = await services.db.run((conn) => conn.get('residents', li.id));
    expect(stored!.pinHash).to.equal(withVerifier.pinHash);

    // Next time, with the network gone, this kiosk checks her PIN itself.
    onlineNow = false;
    expect((await signInResident(services.db, li.phone, '2222', NOW, online)).ok).to.equal(true);
    expect((await signInResident(services.db, li.phone, '1234', NOW, online)).ok).to.equal(false);
    expect(signInCalls(services)).to.have.length(2);
  });

  it('follows the server’s lock, and says “try again later” when the server is busy', async () => {
    const { services, wang } = await kioskWithSomeVerifiers();
    const online = onlineResidentSignIn(services);
    services.server.residentSignInQueue.push(
      () => json({ error: 'too-many', message: '请稍后再试' }, 429),
      () => new Response(JSON.stringify({ error: 'locked', message: '已锁定' }), { status: 423, headers: { 'Content-Type': 'application/json', 'Retry-After': '600' } }),
    );
    expect(await signInResident(services.db, wang.phone, '3333', NOW, online)).to.deep.equal({ ok: false, reason: 'try-later' });
    const locked = await signInResident(services.db, wang.phone, '3333', NOW, online);
    expect(locked).to.deep.equal({ ok: false, reason: 'locked', until: new Date(NOW.getTime() + 600_000) });
    // Locked here too: the server is not asked again until then.
    expect((await signInResident(services.db, wang.phone, '3333', NOW, online)).ok).to.equal(false);
    expect(signInCalls(services)).to.have.length(2);
  });

  it('a resident whose PIN must be set again is refused offline, online and by card, with the sentence staff can act on', async () => {
    let onlineNow = false;
    const { services, zhang } = await kioskWithSomeVerifiers({ isOnline: () => onlineNow });
    const online = onlineResidentSignIn(services);
    expect((await findResidentByCard(services.db, ZHANG_CARD))?.id).to.equal(zhang.id);
    // Staff revoked a kiosk that held her verifier: her record arrives without it, flagged.
    const flagged: KioskResident = { ...withoutVerifier(zhang), pinResetRequired: true, updatedAt: NOW.toISOString() };
    await applyPullPage(services.db, { changes: [{ seq: 5, entity: 'resident', op: 'put', id: zhang.id, data: flagged }], cursor: 5, more: false });

    expect(await signInResident(services.db, zhang.phone, '1111', NOW, online)).to.deep.equal({ ok: false, reason: 'reset-required' });
    expect(await findResidentByCard(services.db, ZHANG_CARD)).to.equal(null);
    onlineNow = true;
    services.server.residentSignInQueue.push(() => json({ error: 'pin-reset-required', message: '为了安全，请到服务站请工作人员帮您重新设置密码' }, 403));
    const el = await fixture<LinliResidentSignInScreen>(html`<linli-resident-sign-in-screen lang="zh-CN" .db=${services.db} .now=${() => NOW} .online=${online}></linli-resident-sign-in-screen>`);
    el.phone = zhang.phone;
    el.step = 'pin';
    el.pin = '1111';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => el.message.length > 0, 3000, 'reset message');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('为了安全，您需要设置新密码才能登录，请到服务站请工作人员帮您重新设置');
    expect(signInCalls(services)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('a card signs in only where her PIN could: not on a kiosk without her verifier', async () => {
    const services = testServices();
    await seed(services.db);
    const [zhang] = await demoResidents();
    await seedResidents<KioskResident>(services.db, [withoutVerifier(zhang!)]);
    expect(await findResidentByCard(services.db, ZHANG_CARD)).to.equal(null);
  });
});
