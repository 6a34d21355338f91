/**
 * Hostile catalogue items and passbook memos at the kiosk: each payload (tests/xss-payloads.ts,
 * every one sets window.__xss if it ever runs) as an item's name, description and photo address
 * and as a passbook memo, through the shop, the confirm sheet, the voucher and its print layout,
 * 我的积分 and its printed passbook, hand-out and the catalogue editor. Afterwards the flag is unset
 * and no script-capable element, on* attribute or script URL is in the DOM.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/points/define.ts';
import type { LinliMyPointsScreen } from '../../kiosk/points/my-points-screen.ts';
import type { LinliPointsCatalogueScreen } from '../../kiosk/points/catalogue-screen.ts';
import type { LinliPointsShopScreen } from '../../kiosk/points/shop-screen.ts';
import { BAD_IMAGE_URLS, PAYLOADS } from '../xss-payloads.ts';
import { deepElements, zhangSession } from './elder-fixtures.ts';
import { cleanupDbs, NOW, seed, testServices, until } from './kiosk-fixtures.ts';
import { account, item, seedPoints } from './points-fixtures.ts';
import { seedResidents } from './residents-fixtures.ts';

const FORBIDDEN = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'style', 'template', 'foreignobject']);

function unsafe(root: Element): string[] {
  const problems: string[] = [];
  for (const el of deepElements(root)) {
    if (FORBIDDEN.has(el.localName)) problems.push(`<${el.localName}>`);
    for (const a of el.attributes) {
      const v = [...a.value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
      if (a.name.startsWith('on')) problems.push(`${a.name} on <${el.localName}>`);
      if (/^(javascript|vbscript):/.test(v) || /^data:(text\/html|image\/svg)/.test(v)) problems.push(`${a.name}="${a.value.slice(0, 40)}" on <${el.localName}>`);
    }
  }
  return problems;
}

function clean(root: Element, where: string): void {
  expect(unsafe(root), where).to.deep.equal([]);
  expect(window.__xss, where).to.equal(undefined);
}

describe('XSS: points screens never run script from a catalogue item or a memo', () => {
  afterEach(async () => {
    delete window.__xss;
    await cleanupDbs();
  });

  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1}: ${payload.slice(0, 40)}`, async function () {
      this.timeout(20_000);
      const s = testServices(undefined, undefined, { isOnline: () => false });
      await seed(s.db, {});
      await seedResidents(s.db);
      await seedPoints(s.db, {
        items: [item({ id: 'x', name: payload.slice(0, 60), description: payload, photo: [payload, ...BAD_IMAGE_URLS][i % (BAD_IMAGE_URLS.length + 1)]!, cost: 10, stock: 5 })],
        accounts: [account({ lines: [{ transferId: 't', at: NOW.toISOString(), memo: payload, change: 10, balanceAfter: 180 }] })],
        allowance: { deviceId: 'device-1', points: { 'r-zhang': 100 }, stock: { x: 5 }, limits: {}, month: '2026-11', renewedAt: NOW.toISOString() },
      });
      const session = await zhangSession(NOW);
      const shop = await fixture<LinliPointsShopScreen>(html`<linli-points-shop-screen lang="zh-CN" .services=${s} .session=${session}></linli-points-shop-screen>`);
      await until(() => shop.rows.length === 1, 2000, 'row');
      await shop.updateComplete;
      await aTimeout(50);
      clean(shop, 'shop list');
      shop.shadowRoot!.querySelector<HTMLButtonElement>('button.choose')!.click();
      await shop.updateComplete;
      shop.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
      await until(() => shop.confirming !== null, 2000, 'sheet');
      await shop.updateComplete;
      clean(shop, 'confirm sheet');
      shop.shadowRoot!.querySelector('linli-confirm-sheet')!.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await until(() => shop.step === 'voucher', 2000, 'voucher');
      await shop.updateComplete;
      clean(shop, 'voucher');
      let printed: string[] | null = null;
      s.print = () => {
        printed = unsafe(document.body.querySelector('linli-points-print')!);
      };
      shop.shadowRoot!.querySelector<HTMLButtonElement>('button.print')!.click();
      await until(() => printed !== null, 2000, 'voucher printed');
      expect(printed, 'printed voucher').to.deep.equal([]);

      const mine = await fixture<LinliMyPointsScreen>(html`<linli-my-points-screen lang="zh-CN" .services=${s} .session=${session}></linli-my-points-screen>`);
      await until(() => mine.pending.length === 1, 2000, 'pending');
      await mine.updateComplete;
      clean(mine, '我的积分');
      printed = null;
      mine.shadowRoot!.querySelector<HTMLButtonElement>('button.print-passbook')!.click();
      await until(() => printed !== null, 2000, 'passbook printed');
      expect(printed, 'printed passbook').to.deep.equal([]);

      const cat = await fixture<LinliPointsCatalogueScreen>(html`<linli-points-catalogue-screen lang="zh-CN" .services=${s} .staff=${{ staffNo: '1001', name: '王芳', role: 'manager' }}></linli-points-catalogue-screen>`);
      await until(() => cat.items.length === 1, 2000, 'catalogue');
      await cat.updateComplete;
      clean(cat, 'catalogue list');
      cat.shadowRoot!.querySelector<HTMLButtonElement>('button.edit')!.click();
      await cat.updateComplete;
      clean(cat, 'catalogue editor');
      await aTimeout(50);
      expect(window.__xss).to.equal(undefined);
    });
  });
});
