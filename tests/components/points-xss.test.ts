/**
 * Hostile catalogue and ranking text: every payload from tests/xss-payloads.ts as item names,
 * descriptions and photo URLs, and as ranking names and buildings. Nothing runs, no element is
 * injected, photos are only http(s) or site-relative.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { MemorySource } from '../../components/core/memory-source.ts';
import { BAD_IMAGE_URLS, PAYLOADS } from '../xss-payloads.ts';
import { item, mountRanking, mountShop, points, redeemButton, signIn, sr, step } from './points-helpers.ts';

/** The elements these widgets render; anything else came from a payload. */
const ALLOWED = new Set([
  'div', 'p', 'span', 'strong', 'ul', 'li', 'h3', 'img', 'button', 'section', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td',
  'dl', 'dt', 'dd', 'form', 'label', 'input', 'svg', 'rect', 'path',
]);

function assertClean(root: ShadowRoot): void {
  for (const el of root.querySelectorAll('*')) {
    expect(ALLOWED.has(el.localName), `<${el.localName}> injected`).to.equal(true);
    for (const attr of el.attributes) expect(attr.name.startsWith('on'), `${attr.name} on <${el.localName}>`).to.equal(false);
  }
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src')!;
    expect(/^(https?:\/\/|\/(?!\/))/i.test(src), `img src ${src}`).to.equal(true);
  }
}

beforeEach(() => {
  delete window.__xss;
});

describe('XSS: the points widgets never run catalogue or ranking text', () => {
  it('every payload as item name, description and photo URL, through the list and the whole redeem flow', async () => {
    const items = PAYLOADS.map((payload, i) => item({ id: `x${i}`, name: payload, description: payload, photo: [...BAD_IMAGE_URLS, payload][i % (BAD_IMAGE_URLS.length + 1)]! }));
    const p = points({ items: [...items, item({ id: 'ok', name: PAYLOADS[1]!, photo: BAD_IMAGE_URLS[0]! })] });
    const shop = await mountShop(new MemorySource([], { points: p }));
    await aTimeout(80);
    const root = sr(shop);
    expect(root.querySelectorAll('[part~="name"]')).to.have.length(PAYLOADS.length + 1);
    expect(root.querySelector('[part~="name"]')!.textContent).to.equal(PAYLOADS[0]);
    expect(root.querySelectorAll('img')).to.have.length(0);
    assertClean(root);
    redeemButton(shop, 'x1').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '1234');
    await step(shop, '确认兑换');
    await waitUntil(() => root.querySelector('.sum dd')?.textContent?.includes(PAYLOADS[1]!.slice(0, 8)));
    assertClean(root);
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === '确认兑换')!.click();
    await step(shop, '兑换成功');
    await aTimeout(80);
    assertClean(root);
    expect(window.__xss).to.equal(undefined);
  });

  it('every payload as ranking name and building', async () => {
    const p = points();
    p.residents.clear();
    PAYLOADS.forEach((payload, i) =>
      p.residents.set(`x${i}`, { id: `x${i}`, name: payload, phone: `1380000${String(i).padStart(4, '0')}`, pin: '1234', building: payload, balance: 0, earnedYear: 100 + i, earnedMonth: 1 }),
    );
    const el = await mountRanking(new MemorySource([], { points: p }));
    await aTimeout(50);
    assertClean(sr(el));
    expect(sr(el).querySelectorAll('tbody tr')).to.have.length(PAYLOADS.length);
    [...sr(el).querySelectorAll<HTMLButtonElement>('[part~="toggle"]')].find((b) => b.textContent === '楼栋合计')!.click();
    await el.updateComplete;
    await aTimeout(50);
    assertClean(sr(el));
    expect(sr(el).querySelector('tbody th')!.textContent).to.equal(PAYLOADS[PAYLOADS.length - 1]);
    expect(window.__xss).to.equal(undefined);
  });
});
