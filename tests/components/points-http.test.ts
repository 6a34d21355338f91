/**
 * The points widgets over HTTP with a stubbed fetch: the URLs, bodies and headers they send, and
 * how each answer of the station server becomes a plain sentence (never the server's `message`).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { REDEEM_REFUSALS, voucherCode, type PointsRanking, type Redemption } from '../../domain/points.ts';
import { HttpBase } from '../../components/core/http-base.ts';
import { withPoints } from '../../components/core/http-points.ts';
import { PointsError } from '../../components/core/points-source.ts';
import type { LinliPointsRanking } from '../../components/points-ranking/points-ranking.ts';
import type { LinliPointsShop } from '../../components/points-shop/points-shop.ts';
import type { LinliProvider } from '../../components/provider/provider.ts';
import { alertText, button, catalogue, everything, redeemButton, signIn, sr, STATION, step, text } from './points-helpers.ts';

const API = 'https://linli.example.gov.cn/api';

interface Call {
  method: string;
  url: string;
  body: unknown;
  auth: string | null;
}
type Reply = { status: number; body: unknown } | Error;
let calls: Call[];
let reply: (call: Call) => Reply;
const realFetch = window.fetch;
const realEventSource = window.EventSource;

class FakeEventSource extends EventTarget {
  static all: FakeEventSource[] = [];
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  close(): void {}
  poke(): void {
    this.dispatchEvent(new MessageEvent('poke', { data: '{}' }));
  }
}

const RANKING: PointsRanking = {
  period: '2026',
  residents: [
    { rank: 1, name: '张*华', building: '3号楼', points: 480 },
    { rank: 2, name: '李*英', building: '5号楼', points: 300 },
  ],
  buildings: [{ building: '3号楼', points: 480, residents: 1 }],
};

const ACCOUNT = { residentId: 'r1', balance: 320, held: 0, lines: [], rankingOptOut: false };

function redemption(id: string): Redemption {
  return {
    id,
    stationId: STATION,
    residentId: 'r1',
    itemId: 'soap',
    itemName: '洗衣液',
    quantity: 1,
    cost: 120,
    voucherCode: voucherCode(id),
    funding: 'online',
    deviceId: null,
    status: 'confirmed',
    createdAt: new Date().toISOString(),
    handedOutAt: null,
    cancelledAt: null,
  };
}

/** The server as the data contract describes it, with hooks for failures. */
function server(call: Call): Reply {
  const path = call.url.replace(API, '');
  if (path === `/stations/${STATION}/points/catalogue`) return { status: 200, body: { items: catalogue() } };
  if (path.startsWith(`/stations/${STATION}/points/ranking`)) return { status: 200, body: RANKING };
  if (path === '/residents/login') {
    const { pin } = call.body as { pin: string };
    if (pin !== '1234') return { status: 401, body: { error: 'wrong-pin', message: 'RAW SERVER TEXT' } };
    return {
      status: 200,
      body: { token: 'tok-123', expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(), resident: { id: 'r1', name: '张建华', building: '3号楼', phone: '138****8000' } },
    };
  }
  if (call.auth !== 'Bearer tok-123') return { status: 401, body: { error: 'unauthorized' } };
  if (path === '/residents/me/points') return { status: 200, body: { account: ACCOUNT, redemptions: [] } };
  if (path === '/residents/me/redemptions') {
    const { redemptionId } = call.body as { redemptionId: string };
    return { status: 201, body: { redemption: redemption(redemptionId), account: { ...ACCOUNT, balance: 200 } } };
  }
  return { status: 404, body: { error: 'not-found' } };
}

beforeEach(() => {
  calls = [];
  FakeEventSource.all = [];
  reply = server;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = { method: init?.method ?? 'GET', url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: headers.get('Authorization') };
    calls.push(call);
    const r = reply(call);
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  };
  (window as { EventSource: unknown }).EventSource = FakeEventSource;
});

afterEach(() => {
  window.fetch = realFetch;
  window.EventSource = realEventSource;
});

async function shopOverHttp(): Promise<LinliPointsShop> {
  const el = await fixture<LinliPointsShop>(html`<linli-points-shop api=${API} station=${STATION}></linli-points-shop>`);
  await waitUntil(() => redeemButton(el, 'soap'), 'catalogue did not load');
  return el;
}

describe('points over HTTP', () => {
  it('the ranking widget reads the public ranking by period and refetches on a poke', async () => {
    const el = await fixture<LinliPointsRanking>(html`<linli-points-ranking api=${API} station=${STATION}></linli-points-ranking>`);
    await waitUntil(() => sr(el).querySelector('tbody tr'), 'ranking did not load');
    expect(calls.map((c) => c.url)).to.deep.equal([`${API}/stations/${STATION}/points/ranking?period=year`]);
    expect(text(el)).to.include('张*华').and.include('480');
    el.period = 'month';
    await waitUntil(() => calls.length === 2);
    expect(calls[1]!.url).to.equal(`${API}/stations/${STATION}/points/ranking?period=month`);
    FakeEventSource.all[0]!.poke();
    await waitUntil(() => calls.length === 3, 'no refetch after poke');
    expect(FakeEventSource.all[0]!.url).to.equal(`${API}/stations/${STATION}/events`);
  });

  it('a provider gives its HttpSource points, so widgets inside it share one connection', async () => {
    const provider = await fixture<LinliProvider>(html`<linli-provider api=${API} station=${STATION}>
      <linli-points-ranking></linli-points-ranking>
      <linli-points-shop></linli-points-shop>
    </linli-provider>`);
    const shop = provider.querySelector('linli-points-shop')!;
    await waitUntil(() => redeemButton(shop, 'soap') && sr(provider.querySelector('linli-points-ranking')!).querySelector('tbody tr'), 'widgets did not load');
    expect(FakeEventSource.all).to.have.length(1);
    expect(provider.effectiveSource?.points).to.not.equal(undefined);
  });

  it('signs in with phone + PIN, sends the token as a bearer header, and redeems', async () => {
    const shop = await shopOverHttp();
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '1234');
    await step(shop, '确认兑换');
    await waitUntil(() => text(shop).includes('200 积分'));
    const login = calls.find((c) => c.url === `${API}/residents/login`)!;
    expect(login.method).to.equal('POST');
    expect(login.body).to.deep.equal({ stationId: STATION, phone: '13800138000', pin: '1234' });
    button(shop, '确认兑换').click();
    await step(shop, '兑换成功');
    const post = calls.find((c) => c.url === `${API}/residents/me/redemptions`)!;
    expect(post.auth).to.equal('Bearer tok-123');
    const { redemptionId, itemId, quantity } = post.body as { redemptionId: string; itemId: string; quantity: number };
    expect([itemId, quantity]).to.deep.equal(['soap', 1]);
    expect(redemptionId).to.match(/^[0-9a-f-]{36}$/);
    expect(sr(shop).querySelector('[part~="code"] strong')!.textContent).to.equal(voucherCode(redemptionId));
    expect(text(shop)).to.include('现有积分 200');
    const all = everything(sr(shop));
    expect(all).not.to.include('张建华');
    expect(all).not.to.include('tok-123');
    expect(JSON.stringify({ ...localStorage })).not.to.include('tok-123');
  });

  it('a wrong PIN (401) and a lock (423) are plain sentences, never the server message', async () => {
    const shop = await shopOverHttp();
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '0000');
    expect(await alertText(shop)).to.equal(REDEEM_REFUSALS['wrong-pin']);
    expect(text(shop)).not.to.include('RAW SERVER TEXT');
    reply = () => ({ status: 423, body: { error: 'locked', message: 'RAW SERVER TEXT' } });
    await signIn(shop, '13800138000', '0000');
    await waitUntil(() => text(shop).includes('已暂时锁定'));
    expect(text(shop)).not.to.include('RAW SERVER TEXT');
  });

  for (const kind of ['insufficient-points', 'out-of-stock', 'limit-reached', 'not-active', 'unknown-item'] as const) {
    it(`maps ${kind} from the server to its sentence`, async () => {
      const shop = await shopOverHttp();
      redeemButton(shop, 'soap').click();
      await step(shop, '登录');
      await signIn(shop, '13800138000', '1234');
      await step(shop, '确认兑换');
      await waitUntil(() => text(shop).includes('200 积分'));
      reply = (call) =>
        call.url.endsWith('/residents/me/redemptions')
          ? { status: kind === 'unknown-item' ? 404 : 409, body: { error: kind, message: 'RAW SERVER TEXT' } }
          : server(call);
      button(shop, '确认兑换').click();
      expect(await alertText(shop)).to.equal(REDEEM_REFUSALS[kind]);
      expect(text(shop)).not.to.include('RAW SERVER TEXT');
    });
  }

  it('retries after a network error with the same redemptionId', async () => {
    const shop = await shopOverHttp();
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '1234');
    await step(shop, '确认兑换');
    await waitUntil(() => text(shop).includes('200 积分'));
    let failed = false;
    reply = (call) => {
      if (call.url.endsWith('/residents/me/redemptions') && !failed) {
        failed = true;
        return new TypeError('Failed to fetch');
      }
      return server(call);
    };
    button(shop, '确认兑换').click();
    expect(await alertText(shop)).to.include('暂时连不上服务站');
    button(shop, '重试').click();
    await step(shop, '兑换成功');
    const posts = calls.filter((c) => c.url.endsWith('/residents/me/redemptions'));
    expect(posts).to.have.length(2);
    expect((posts[1]!.body as { redemptionId: string }).redemptionId).to.equal((posts[0]!.body as { redemptionId: string }).redemptionId);
  });

  it('an expired token (401 after sign-in) asks to sign in again', async () => {
    const shop = await shopOverHttp();
    redeemButton(shop, 'soap').click();
    await step(shop, '登录');
    await signIn(shop, '13800138000', '1234');
    await step(shop, '确认兑换');
    reply = (call) => (call.url.endsWith('/residents/me/redemptions') ? { status: 401, body: { error: 'unauthorized' } } : server(call));
    button(shop, '确认兑换').click();
    await step(shop, '登录');
    expect(await alertText(shop)).to.equal('登录已经过期，请重新登录。');
  });

  it('the source turns answers into PointsError kinds', async () => {
    const points = withPoints(new HttpBase(API, STATION)).points!;
    const session = { token: 'tok-123', expiresAt: '', resident: { id: 'r1', name: '', building: '', phone: '' } };
    reply = () => ({ status: 409, body: { error: 'cannot-cancel', message: 'x' } });
    const err = await points.cancel(session, 'abc').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PointsError);
    expect((err as PointsError).kind).to.equal('cannot-cancel');
    expect(calls[0]!.url).to.equal(`${API}/residents/me/redemptions/abc/cancel`);
    reply = () => ({ status: 500, body: { error: 'boom' } });
    expect(((await points.account(session).catch((e: unknown) => e)) as PointsError).kind).to.equal('server');
    reply = () => ({ status: 200, body: { nope: 1 } });
    expect(((await points.catalogue().catch((e: unknown) => e)) as PointsError).kind).to.equal('server');
  });
});
