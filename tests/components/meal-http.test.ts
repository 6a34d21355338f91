/**
 * The meal widget over HTTP with a stubbed fetch: the URLs, bodies and headers it sends, and how
 * each answer of the station server becomes a plain sentence (never the server's `message`).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MealBookingRecord, PublicMealWeek } from '../../domain/meal-records.ts';
import { MEAL_BOOKING_REFUSALS, type MealBookingRefusal } from '../../domain/meals.ts';
import type { LinliMealBooking } from '../../components/meal-booking/meal-booking.ts';
import { alertText, bookButton, button, dinnerTaken, everything, menu, NOW, signIn, sr, STATION, step, TUE, WEEK } from './meal-helpers.ts';

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

const WEEK_BODY: PublicMealWeek = {
  weekStart: WEEK,
  menu: menu(),
  cutoffText: '前一天 17:00 前可以订餐和退订',
  seatsLeft: menu().days.flatMap((d) =>
    d.meals.map((m) => ({ date: d.date, meal: m.meal, capacity: m.capacity, left: m.capacity, closesAt: new Date(Date.now() + 86_400_000 * (d.date === WEEK ? -1 : 1)).toISOString(), closesText: 'x', open: d.date !== WEEK })),
  ),
};
const BREAKDOWN = { lines: [{ kind: 'price', label: 'A套餐', amountFen: 1500 }, { kind: 'subsidy', policyLineId: 'age-70', label: '70—79岁助餐补贴', amountFen: -300 }, { kind: 'to-pay', label: '需要支付', amountFen: 1200 }], grossFen: 1500, subsidyFen: 300, toPayFen: 1200, notes: [] };

function booking(id: string): MealBookingRecord {
  return { ...dinnerTaken(), id, residentId: 'r1', meal: 'lunch', set: 'A', receipt: BREAKDOWN as MealBookingRecord['receipt'], createdAt: NOW.toISOString() };
}

function server(call: Call): Reply {
  if (call.url.endsWith(`/stations/${STATION}/meals/menus?week=${WEEK}`)) return { status: 200, body: WEEK_BODY };
  if (call.url.endsWith('/residents/login')) {
    const b = call.body as { pin: string };
    return b.pin === '1234'
      ? { status: 200, body: { token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), resident: { id: 'r1', name: '张建华', building: '3号楼', phone: '138****8000' } } }
      : { status: 401, body: { error: 'wrong-pin', message: 'Wrong PIN (server words)' } };
  }
  if (call.url.endsWith('/residents/me/meals') && call.method === 'GET') return { status: 200, body: { bookings: [], deliveryEligible: false } };
  if (call.url.endsWith('/residents/me/meals/quote')) return { status: 200, body: { breakdown: BREAKDOWN } };
  if (call.url.endsWith('/residents/me/meals')) return { status: 201, body: { booking: booking((call.body as { bookingId: string }).bookingId) } };
  return { status: 404, body: { error: 'not-found' } };
}

beforeEach(() => {
  calls = [];
  reply = server;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = { method: init?.method ?? 'GET', url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: headers.get('Authorization') };
    calls.push(call);
    const r = reply(call);
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
});
afterEach(() => {
  window.fetch = realFetch;
});

async function mountHttp(): Promise<LinliMealBooking> {
  const el = await fixture<LinliMealBooking>(html`<linli-meal-booking api=${API} station=${STATION} week=${WEEK}></linli-meal-booking>`);
  await waitUntil(() => sr(el).querySelectorAll('[part~="day"]').length === 3, 'menu did not load', { timeout: 4000 });
  return el;
}

async function toConfirm(el: LinliMealBooking, family = false): Promise<void> {
  bookButton(el, TUE, 'lunch').click();
  await step(el, '登录');
  await signIn(el, '13800138000', '1234');
  await waitUntil(() => sr(el).querySelector('.flow h3')?.textContent?.startsWith('订 '), 'choose');
  if (family) sr(el).querySelector<HTMLInputElement>('input[name="family"]')!.click();
  await el.updateComplete;
  button(el, '看看要付多少钱').click();
  await step(el, '确认订餐');
}

describe('<linli-meal-booking> over HTTP', () => {
  it('reads the public week, signs in, quotes and books with the bearer token and onBehalf', async () => {
    const el = await mountHttp();
    expect(calls[0]!.url).to.equal(`${API}/stations/${STATION}/meals/menus?week=${WEEK}`);
    expect(calls[0]!.auth).to.equal(null);
    await toConfirm(el, true);
    const quote = calls.find((c) => c.url.endsWith('/quote'))!;
    expect(quote.auth).to.equal('Bearer tok');
    expect(quote.body).to.deep.equal({ set: 'A', variant: null, mode: 'dine-in', date: TUE, meal: 'lunch' });
    const rowText = [...sr(el).querySelectorAll('[part~="breakdown"] tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ''));
    expect(rowText).to.deep.equal(['A套餐¥15.00', '70—79岁助餐补贴-¥3.00', '应付¥12.00']);
    button(el, '确认订餐').click();
    await step(el, '订好了');
    const book = calls.find((c) => c.method === 'POST' && c.url === `${API}/residents/me/meals`)!;
    expect(book.auth).to.equal('Bearer tok');
    expect(book.body).to.include({ date: TUE, meal: 'lunch', set: 'A', mode: 'dine-in', onBehalf: true });
    expect((book.body as { bookingId: string }).bookingId).to.match(/^[0-9a-f-]{36}$/);
    expect(everything(document.body)).to.not.include('张建华');
  });

  it('a 401 at sign-in is the wrong-PIN sentence, not the server words', async () => {
    const el = await mountHttp();
    bookButton(el, TUE, 'lunch').click();
    await step(el, '登录');
    await signIn(el, '13800138000', '0000');
    expect(await alertText(el)).to.equal('手机号或密码不对，请再试一次。');
    expect(everything(sr(el))).to.not.include('server words');
  });

  for (const code of Object.keys(MEAL_BOOKING_REFUSALS) as MealBookingRefusal[]) {
    it(`a 409 ${code} at booking is its sentence and a new bookingId next time`, async () => {
      const el = await mountHttp();
      await toConfirm(el);
      reply = (call) => (call.method === 'POST' && call.url === `${API}/residents/me/meals` ? { status: 409, body: { error: code, message: 'server words' } } : server(call));
      button(el, '确认订餐').click();
      expect(await alertText(el)).to.equal(MEAL_BOOKING_REFUSALS[code]);
      expect(sr(el).querySelector('.flow h3')!.textContent).to.equal('确认订餐');
      expect(sr(el).querySelector('[role="alert"] button')).to.equal(null);
    });
  }

  it('a network error keeps the bookingId for the retry', async () => {
    const el = await mountHttp();
    await toConfirm(el);
    reply = (call) => (call.method === 'POST' && call.url === `${API}/residents/me/meals` ? new TypeError('Failed to fetch') : server(call));
    button(el, '确认订餐').click();
    expect(await alertText(el)).to.equal('暂时连不上服务站，请检查网络后再试。');
    reply = server;
    sr(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await step(el, '订好了');
    const ids = calls.filter((c) => c.method === 'POST' && c.url === `${API}/residents/me/meals`).map((c) => (c.body as { bookingId: string }).bookingId);
    expect(ids).to.have.length(2);
    expect(ids[0]).to.equal(ids[1]);
  });
});

describe('the widget refusal sentences', () => {
  it('zh-CN equals the domain MEAL_BOOKING_REFUSALS word for word', async () => {
    const { strings } = await import('../../components/meal-booking/strings/flow.zh-CN.ts');
    for (const [code, sentence] of Object.entries(MEAL_BOOKING_REFUSALS)) expect(strings.errors[code as MealBookingRefusal]).to.equal(sentence);
  });
});
