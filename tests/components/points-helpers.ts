/** Shared fixtures for the points widget tests: a catalogue, residents with full names and phones. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CatalogueItem, Redemption } from '../../domain/points.ts';
import { MemoryPoints, type MemoryResident } from '../../components/core/memory-points.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import type { LinliPointsRanking } from '../../components/points-ranking/points-ranking.ts';
import type { LinliPointsShop } from '../../components/points-shop/points-shop.ts';
import '../../components/provider/define.ts';
import '../../components/points-ranking/define.ts';
import '../../components/points-shop/define.ts';

export const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';

export function item(over: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    id: 'soap',
    stationId: STATION,
    name: '洗衣液',
    description: '2 升装，家家用得上。',
    kind: 'goods',
    cost: 120,
    stock: 5,
    monthlyLimit: 2,
    activeFrom: null,
    activeUntil: null,
    photo: '/img/soap.png',
    retired: false,
    revision: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

export function catalogue(): CatalogueItem[] {
  return [
    item(),
    item({ id: 'rice', name: '大米 5 斤', description: '', cost: 200, stock: 0, monthlyLimit: 1, photo: 'https://img.example/rice.jpg' }),
    item({ id: 'haircut', name: '理发一次', description: '每周三上午在服务站。', kind: 'service', cost: 50, stock: 30, monthlyLimit: null, photo: null }),
  ];
}

/** Residents: full names and phones that must never appear in a public widget. */
export const RESIDENTS: MemoryResident[] = [
  { id: 'r1', name: '张建华', phone: '13800138000', pin: '1234', building: '3号楼', balance: 320, earnedYear: 480, earnedMonth: 60 },
  { id: 'r2', name: '李秀英', phone: '13900139000', pin: '4321', building: '5号楼', balance: 40, earnedYear: 300, earnedMonth: 80 },
  { id: 'r3', name: '欧阳娜娜', phone: '13700137000', pin: '1111', building: '3号楼', balance: 10, earnedYear: 300, earnedMonth: 0 },
  { id: 'r4', name: '王不公开', phone: '13600136000', pin: '2222', building: '7号楼', balance: 900, earnedYear: 900, earnedMonth: 90, optOut: true },
];

export function points(over: { items?: CatalogueItem[]; redemptions?: Redemption[]; latency?: number; now?: () => Date } = {}): MemoryPoints {
  return new MemoryPoints({ stationId: STATION, items: over.items ?? catalogue(), residents: RESIDENTS, redemptions: over.redemptions, latency: over.latency, now: over.now });
}

export function source(p: MemoryPoints | undefined = points()): MemorySource {
  return new MemorySource([], { points: p });
}

export function sr(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** Visible text, shadow root included, spaces collapsed. */
export function text(el: Element): string {
  return (sr(el).textContent ?? '').replace(/\s+/g, ' ');
}

/** Every text node and attribute value in the shadow root (and nested ones). */
export function everything(root: ParentNode): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) out += `${node.textContent} `;
    if (node instanceof Element) {
      for (const a of node.attributes) out += `${a.value} `;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const c of node.childNodes) walk(c);
  };
  walk(root as Node);
  return out;
}

export async function mountRanking(src: MemorySource, attrs: { period?: string; view?: string; lang?: string } = {}): Promise<LinliPointsRanking> {
  const provider = await fixture(html`<linli-provider .source=${src}>
    <linli-points-ranking period=${attrs.period ?? 'year'} view=${attrs.view ?? 'residents'} lang=${attrs.lang ?? 'zh-CN'}></linli-points-ranking>
  </linli-provider>`);
  const el = provider.querySelector('linli-points-ranking')!;
  await waitUntil(() => !sr(el).querySelector('.message[role="status"]') || sr(el).querySelector('table') || text(el).includes('还没有'), 'ranking did not load', { timeout: 4000 });
  await waitUntil(() => !text(el).includes('正在加载'), 'ranking did not load', { timeout: 4000 });
  await el.updateComplete;
  return el;
}

export async function mountShop(src: MemorySource, lang = 'zh-CN'): Promise<LinliPointsShop> {
  const provider = await fixture(html`<linli-provider .source=${src}>
    <linli-points-shop lang=${lang}></linli-points-shop>
  </linli-provider>`);
  const el = provider.querySelector('linli-points-shop')!;
  await waitUntil(() => !sr(el).querySelector('[role="status"].message') || !/加载|載入|Loading/.test(text(el)), 'shop did not load', { timeout: 4000 });
  await el.updateComplete;
  return el;
}

export function redeemButton(shop: Element, id: string): HTMLButtonElement {
  return sr(shop).querySelector<HTMLButtonElement>(`button[data-key="${id}"]`)!;
}

/** The flow's heading text, once the flow shows `title`. */
export async function step(shop: LinliPointsShop, title: string): Promise<void> {
  await waitUntil(() => sr(shop).querySelector('.flow h3')?.textContent === title, `flow did not reach ${title} (now: ${sr(shop).querySelector('.flow h3')?.textContent ?? text(shop).slice(0, 80)})`, { timeout: 4000 });
  await shop.updateComplete;
}

export async function signIn(shop: LinliPointsShop, phone: string, pin: string): Promise<void> {
  const root = sr(shop);
  root.querySelector<HTMLInputElement>('#linli-phone')!.value = phone;
  root.querySelector<HTMLInputElement>('#linli-pin')!.value = pin;
  root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
}

export function button(shop: Element, label: string): HTMLButtonElement {
  const b = [...sr(shop).querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent!.replace(/\s+/g, ' ').trim() === label);
  if (!b) throw new Error(`no button ${label}: ${[...sr(shop).querySelectorAll('button')].map((x) => x.textContent!.trim()).join(' | ')}`);
  return b;
}

export async function alertText(shop: Element): Promise<string> {
  await waitUntil(() => sr(shop).querySelector('.error[role="alert"], .invalid[role="alert"]'), 'no alert', { timeout: 4000 });
  return sr(shop).querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();
}
