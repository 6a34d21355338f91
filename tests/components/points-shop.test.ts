import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { REDEEM_REFUSALS, voucherCode, type Redemption } from '../../domain/points.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import type { LinliPointsShop } from '../../components/points-shop/points-shop.ts';
import { alertText, button, everything, item, mountShop, points, redeemButton, RESIDENTS, signIn, source, sr, step, text } from './points-helpers.ts';

function names(shop: Element): string[] {
  return [...sr(shop).querySelectorAll('[part~="name"]')].map((h) => h.textContent!);
}

function focused(shop: Element): Element | null {
  return sr(shop).activeElement;
}

/** Open 兑换 of `id` and sign in as r1 (张建华, 320 points) unless told otherwise. */
async function toConfirm(shop: LinliPointsShop, id = 'soap', phone = '13800138000', pin = '1234'): Promise<void> {
  redeemButton(shop, id).click();
  await step(shop, '登录');
  await signIn(shop, phone, pin);
  await step(shop, '确认兑换');
  await waitUntil(() => !text(shop).includes('正在查询积分'), 'balance did not load');
}

function snapshot(p: ReturnType<typeof points>): string {
  return JSON.stringify({ items: [...p.items.values()], residents: [...p.residents.values()].map((r) => r.balance), redemptions: p.redemptions });
}

describe('<linli-points-shop> catalogue', () => {
  it('lists items with photo, cost, stock, monthly limit and a disabled 已兑完', async () => {
    const shop = await mountShop(source());
    expect(names(shop)).to.deep.equal(['洗衣液', '大米 5 斤', '理发一次']);
    const [soap, rice, haircut] = [...sr(shop).querySelectorAll('[part~="item"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(soap).to.include('120 积分').and.include('还剩 5 件').and.include('每人每月限 2 件').and.include('2 升装');
    expect(rice).to.include('已兑完');
    expect(haircut).to.include('服务').and.not.include('每人每月限');
    expect(redeemButton(shop, 'rice').disabled).to.equal(true);
    expect(redeemButton(shop, 'rice').textContent!.replace(/\s+/g, '')).to.equal('已兑完大米5斤');
    expect(redeemButton(shop, 'soap').disabled).to.equal(false);
    expect(redeemButton(shop, 'soap').textContent!.replace(/\s+/g, '')).to.equal('兑换洗衣液');
    expect([...sr(shop).querySelectorAll('img')].map((i) => i.getAttribute('src'))).to.deep.equal(['/img/soap.png', 'https://img.example/rice.jpg']);
    expect(sr(shop).querySelector('[part~="account"] button')!.textContent).to.equal('登录查看我的积分');
    await expect(shop).to.be.accessible();
  });

  it('says so in plain words when the station has no points', async () => {
    const shop = await mountShop(new MemorySource([]));
    expect(text(shop)).to.include('这个服务站还没有开通积分兑换。');
    await expect(shop).to.be.accessible();
  });

  it('shows an error with 重试 when the catalogue cannot load', async () => {
    const p = points();
    p.error = new Error('down');
    const shop = await mountShop(source(p));
    expect(await alertText(shop)).to.include('暂时连不上服务站，请检查网络后再试。');
    await expect(shop).to.be.accessible();
    p.error = null;
    button(shop, '重试').click();
    await waitUntil(() => names(shop).length === 3, 'retry did not load');
  });

  it('fetches again when the station pokes (stock changed)', async () => {
    const p = points();
    const src = source(p);
    const shop = await mountShop(src);
    p.items.get('soap')!.stock = 0;
    src.changed();
    await waitUntil(() => redeemButton(shop, 'soap').disabled, 'stock did not refresh');
  });
});

describe('<linli-points-shop> sign-in', () => {
  it('signs in with phone and PIN: labelled numeric inputs, focus moves, masked name and phone only', async () => {
    const shop = await mountShop(source());
    sr(shop).querySelector<HTMLButtonElement>('[part~="account"] button')!.click();
    await step(shop, '登录');
    await waitUntil(() => focused(shop)?.id === 'linli-phone', 'phone input not focused');
    const phone = sr(shop).querySelector<HTMLInputElement>('#linli-phone')!;
    const pin = sr(shop).querySelector<HTMLInputElement>('#linli-pin')!;
    expect([phone.inputMode, pin.inputMode, pin.type, pin.autocomplete]).to.deep.equal(['numeric', 'numeric', 'password', 'off']);
    expect(sr(shop).querySelector('label[for="linli-phone"]')!.textContent).to.equal('手机号');
    await expect(shop).to.be.accessible();
    await sendKeys({ type: '13800138000' });
    pin.focus();
    await sendKeys({ type: '1234' });
    const signedIn = oneEvent(shop, 'linli-signed-in');
    await sendKeys({ press: 'Enter' });
    await signedIn;
    await waitUntil(() => text(shop).includes('张*华'), 'bar did not show the resident');
    await waitUntil(() => text(shop).includes('320'), 'balance did not show');
    expect(text(shop)).to.include('张*华（3号楼）').and.include('138****8000').and.include('现有积分 320');
    await waitUntil(() => focused(shop)?.hasAttribute('data-focus'), 'focus did not move to the bar');
    const all = everything(sr(shop));
    expect(all).not.to.include('张建华');
    expect(all).not.to.include('13800138000');
    expect(all).not.to.include('1234');
    await expect(shop).to.be.accessible();
  });

  it('a wrong PIN gives the plain sentence, clears the PIN and focuses it', async () => {
    const shop = await mountShop(source());
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '9999');
    expect(await alertText(shop)).to.equal(REDEEM_REFUSALS['wrong-pin']);
    expect(sr(shop).querySelector<HTMLInputElement>('#linli-pin')!.value).to.equal('');
    await waitUntil(() => focused(shop)?.id === 'linli-pin', 'PIN input not focused');
    await expect(shop).to.be.accessible();
  });

  it('checks the phone and PIN shape before asking the station', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '1380013', '1234');
    expect(await alertText(shop)).to.equal('请输入 11 位手机号。');
    expect(sr(shop).querySelector('#linli-phone')!.getAttribute('aria-invalid')).to.equal('true');
    await signIn(shop, '13800138000', '12');
    await waitUntil(() => text(shop).includes('密码是 4 位数字'));
    await expect(shop).to.be.accessible();
  });

  it('keeps the token in memory only, and 退出登录 forgets it', async () => {
    const before = { local: localStorage.length, session: sessionStorage.length, cookie: document.cookie };
    const shop = await mountShop(source());
    await toConfirm(shop);
    expect({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }).to.deep.equal(before);
    button(shop, '不换了').click();
    await waitUntil(() => text(shop).includes('退出登录'));
    const out = oneEvent(shop, 'linli-signed-out');
    button(shop, '退出登录').click();
    await out;
    await waitUntil(() => text(shop).includes('已退出登录。'));
    expect(text(shop)).not.to.include('张*华');
    await waitUntil(() => focused(shop)?.textContent === '登录查看我的积分', 'focus did not return to sign-in');
    // Signed out: 兑换 asks to sign in again.
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
  });

  it('forgets the resident when the page removes the widget', async () => {
    const shop = await mountShop(source());
    await toConfirm(shop);
    const parent = shop.parentElement!;
    shop.remove();
    parent.append(shop);
    await waitUntil(() => redeemButton(shop, 'soap'), 'list did not come back');
    expect(text(shop)).not.to.include('张*华');
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
  });

  it('signs out by itself when the session ends', async () => {
    // The station's clock is 30 minutes minus 300 ms behind: its session ends 300 ms from now.
    const p = points({ now: () => new Date(Date.now() - 30 * 60_000 + 300) });
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    await waitUntil(() => text(shop).includes('为了安全，已自动退出登录'), 'session did not end', { timeout: 3000 });
    expect(text(shop)).not.to.include('张*华');
  });
});

describe('<linli-points-shop> redeem', () => {
  it('shows the balance before and after, confirms, and gives the voucher code of the redemption id', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    const sum = [...sr(shop).querySelectorAll('.sum dd')].map((d) => d.textContent!.trim());
    expect(sum).to.deep.equal(['洗衣液 × 1', '120 积分', '320 积分', '200 积分']);
    await waitUntil(() => focused(shop)?.localName === 'h3', 'confirm heading not focused');
    await expect(shop).to.be.accessible();
    const redeemed = oneEvent(shop, 'linli-redeemed');
    button(shop, '确认兑换').click();
    const { detail } = await redeemed;
    await step(shop, '兑换成功');
    const stored = p.redemptions[0]!;
    expect(p.redemptions).to.have.length(1);
    expect(detail).to.deep.equal({ redemptionId: stored.id, itemId: 'soap', quantity: 1, cost: 120, voucherCode: voucherCode(stored.id) });
    expect(sr(shop).querySelector('[part~="code"] strong')!.textContent).to.equal(voucherCode(stored.id));
    expect(text(shop)).to.include('现有积分 200');
    expect(p.residents.get('r1')!.balance).to.equal(200);
    expect(p.items.get('soap')!.stock).to.equal(4);
    await waitUntil(() => sr(shop).querySelector('[part~="qr"] svg[role="img"]'), 'no QR code');
    expect(sr(shop).querySelector('[part~="qr"] svg')!.getAttribute('aria-label')).to.equal(`兑换码 ${voucherCode(stored.id)} 的二维码`);
    await waitUntil(() => focused(shop)?.localName === 'h3', 'voucher heading not focused');
    await expect(shop).to.be.accessible();
    button(shop, '返回积分超市').click();
    await waitUntil(() => text(shop).includes('还剩 4 件'), 'stock did not refresh');
    expect(text(shop)).to.include('待领取').and.include(voucherCode(stored.id));
  });

  it('cancels within 10 minutes: points and stock come back', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    button(shop, '确认兑换').click();
    await step(shop, '兑换成功');
    expect(text(shop)).to.match(/\d{2}:\d{2} 前可以取消这次兑换。/);
    const cancelled = oneEvent(shop, 'linli-redemption-cancelled');
    button(shop, '取消这次兑换').click();
    expect((await cancelled).detail.redemptionId).to.equal(p.redemptions[0]!.id);
    await step(shop, '已取消兑换');
    expect(text(shop)).to.include('积分已经退回，现有积分 320。');
    expect(p.residents.get('r1')!.balance).to.equal(320);
    expect(p.items.get('soap')!.stock).to.equal(5);
    expect(p.redemptions[0]!.status).to.equal('cancelled');
    await expect(shop).to.be.accessible();
  });

  it('offers no cancel for a redemption older than 10 minutes, and the station refuses it', async () => {
    let skew = 0;
    const p = points({ now: () => new Date(Date.now() + skew) });
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    button(shop, '确认兑换').click();
    await step(shop, '兑换成功');
    skew = 11 * 60_000;
    const session = (shop as unknown as { flow: { session: Parameters<typeof p.cancel>[0] } }).flow.session;
    await p.cancel(session, p.redemptions[0]!.id).then(
      () => expect.fail('cancel after 10 minutes was accepted'),
      (e: { kind: string }) => expect(e.kind).to.equal('cannot-cancel'),
    );
    expect(p.residents.get('r1')!.balance).to.equal(200);
  });

  it('retries after a network error with the same redemption id, and redeems once', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    p.loseNextAnswer = true;
    button(shop, '确认兑换').click();
    expect(await alertText(shop)).to.include('暂时连不上服务站');
    await expect(shop).to.be.accessible();
    button(shop, '重试').click();
    await step(shop, '兑换成功');
    expect(p.redeemRequests).to.have.length(2);
    expect(p.redeemRequests[1]!.redemptionId).to.equal(p.redeemRequests[0]!.redemptionId);
    expect(p.redemptions).to.have.length(1);
    expect(p.residents.get('r1')!.balance).to.equal(200);
    expect(sr(shop).querySelector('[part~="code"] strong')!.textContent).to.equal(voucherCode(p.redeemRequests[0]!.redemptionId));
  });

  it('a new decision after a refusal gets a new id', async () => {
    const p = points();
    const src = source(p);
    const shop = await mountShop(src);
    await toConfirm(shop);
    p.items.get('soap')!.stock = 0;
    button(shop, '确认兑换').click();
    await alertText(shop);
    p.items.get('soap')!.stock = 5;
    button(shop, '返回积分超市').click();
    src.changed();
    await waitUntil(() => redeemButton(shop, 'soap')?.disabled === false, 'stock did not come back');
    redeemButton(shop, 'soap').click();
    await step(shop, '确认兑换');
    await waitUntil(() => text(shop).includes('200 积分'));
    button(shop, '确认兑换').click();
    await step(shop, '兑换成功');
    expect(p.redeemRequests[1]!.redemptionId).not.to.equal(p.redeemRequests[0]!.redemptionId);
  });

  it('says 积分不够 before confirming when the balance is short', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    const before = snapshot(p);
    await toConfirm(shop, 'soap', '13900139000', '4321');
    expect(await alertText(shop)).to.equal(REDEEM_REFUSALS['insufficient-points']);
    expect(() => button(shop, '确认兑换')).to.throw();
    expect(snapshot(p)).to.equal(before);
    await expect(shop).to.be.accessible();
  });

  const refusals: [string, (p: ReturnType<typeof points>) => void, Redemption[]?][] = [
    ['insufficient-points', (p) => (p.residents.get('r1')!.balance = 100)],
    ['out-of-stock', (p) => (p.items.get('soap')!.stock = 0)],
    ['not-active', (p) => (p.items.get('soap')!.activeUntil = '2020-01-01T00:00:00.000Z')],
    ['unknown-item', (p) => (p.items.get('soap')!.retired = true)],
    [
      'limit-reached',
      () => undefined,
      [1, 2].map((n) => ({
        id: `00000000-0000-4000-8000-00000000000${n}`,
        stationId: 's',
        residentId: 'r1',
        itemId: 'soap',
        itemName: '洗衣液',
        quantity: 1,
        cost: 120,
        voucherCode: 'X',
        funding: 'online' as const,
        deviceId: null,
        status: 'handed-out' as const,
        createdAt: new Date().toISOString(),
        handedOutAt: new Date().toISOString(),
        cancelledAt: null,
      })),
    ],
  ];
  for (const [kind, change, redemptions] of refusals) {
    it(`refusal ${kind}: shows its plain sentence and changes nothing`, async () => {
      const p = points({ redemptions });
      const shop = await mountShop(source(p));
      await toConfirm(shop);
      change(p);
      const before = snapshot(p);
      button(shop, '确认兑换').click();
      expect(await alertText(shop)).to.equal(REDEEM_REFUSALS[kind as keyof typeof REDEEM_REFUSALS]);
      await waitUntil(() => focused(shop)?.getAttribute('role') === 'alert', 'alert not focused');
      expect(snapshot(p)).to.equal(before);
      expect(() => button(shop, '确认兑换')).to.throw();
      expect(everything(sr(shop))).not.to.include(kind);
      await expect(shop).to.be.accessible();
      button(shop, '返回积分超市').click();
      await waitUntil(() => focused(shop)?.getAttribute('data-key') === 'soap' || focused(shop)?.hasAttribute('data-focus'), 'focus did not return');
    });
  }

  it('never renders a seeded full name or full phone in any state', async () => {
    const p = points();
    const shop = await mountShop(source(p));
    await toConfirm(shop);
    button(shop, '确认兑换').click();
    await step(shop, '兑换成功');
    const all = everything(sr(shop));
    for (const r of RESIDENTS) {
      expect(all).not.to.include(r.name);
      expect(all).not.to.include(r.phone);
    }
  });

  it('works in English from lazily loaded tables', async () => {
    const shop = await mountShop(source(), 'en');
    await waitUntil(() => text(shop).includes('120 points'), 'en list did not load');
    redeemButton(shop, 'soap').click();
    await step(shop, 'Sign in');
    await signIn(shop, '13800138000', '0000');
    expect(await alertText(shop)).to.equal('The phone number or PIN is not right. Nothing was redeemed.');
  });
});

describe('MemoryPoints', () => {
  it('limits apply to this month only and sold-out items are refused at the source', async () => {
    const p = points({ items: [item({ stock: 1, monthlyLimit: 1 })] });
    const s = await p.signIn('13800138000', '1234');
    await p.redeem(s, { redemptionId: crypto.randomUUID(), itemId: 'soap', quantity: 1 });
    await p.redeem(s, { redemptionId: crypto.randomUUID(), itemId: 'soap', quantity: 1 }).then(
      () => expect.fail('second redemption accepted'),
      (e: { kind: string }) => expect(e.kind).to.equal('limit-reached'),
    );
    expect(p.residents.get('r1')!.balance).to.equal(200);
  });
});
