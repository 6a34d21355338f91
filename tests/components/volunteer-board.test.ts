/**
 * <linli-volunteer-board> on a website: the list (places left, 排候补, 报名已截止, age limits), signing
 * up with phone + PIN (confirmed, waitlisted, refused with a plain sentence), the overlap warning,
 * my activities with the outcome, cancelling (the waitlist moves up), safe retries, no personal
 * data in the page, and the station server's answers over HTTP.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import type { Activity } from '../../domain/volunteer.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import { MemoryVolunteer, type MemoryVolunteerResident } from '../../components/core/memory-volunteer.ts';
import type { LinliVolunteerBoard, VolunteerSignedUpDetail } from '../../components/volunteer-board/volunteer-board.ts';
import '../../components/provider/define.ts';
import '../../components/volunteer-board/define.ts';
import { alertText, button, everything, signIn, sr, step, text } from './meal-helpers.ts';
import { PAYLOADS } from '../xss-payloads.ts';

const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
const DAY = 86_400_000;
const at = (days: number, hour: number): string => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + (hour - 8) * 3_600_000).toISOString();

function activity(id: string, over: Partial<Activity> = {}): Activity {
  return {
    id,
    stationId: STATION,
    title: '消防安全演练',
    description: '学习使用灭火器',
    place: '社区广场',
    startAt: at(3, 9),
    endAt: at(3, 11),
    capacity: 10,
    signupDeadline: at(2, 17),
    minAge: null,
    maxAge: null,
    requirements: '',
    pointsPerHour: 10,
    photo: null,
    cancelled: false,
    revision: 1,
    updatedAt: at(-1, 9),
    ...over,
  };
}

const A_DRILL = '00000000-0000-4000-8000-00000000000a';
const A_VISIT = '00000000-0000-4000-8000-00000000000b';
const A_FULL = '00000000-0000-4000-8000-00000000000c';
const A_CLOSED = '00000000-0000-4000-8000-00000000000d';
const A_YOUTH = '00000000-0000-4000-8000-00000000000e';

const RESIDENTS: MemoryVolunteerResident[] = [
  { id: 'r1', name: '张建华', phone: '13800138000', pin: '1234', building: '3号楼', birthYear: 1955 },
  { id: 'r2', name: '李秀英', phone: '13900139000', pin: '4321', building: '5号楼', birthYear: 1948 },
];

function signUp(id: string, activityId: string, residentId: string, status: VolunteerSignUpRecord['status'], arrival: number): VolunteerSignUpRecord {
  return {
    id,
    activityId,
    residentId,
    stationId: STATION,
    status,
    arrival,
    refusal: null,
    reason: null,
    createdAt: at(-1, 10),
    cancelledAt: null,
    signedUpBy: 'resident',
    channel: 'kiosk',
    checkInAt: null,
    checkOutAt: null,
    minutes: null,
    hours: null,
    points: 0,
    awardTransferId: null,
  };
}

function volunteer(over: { signUps?: VolunteerSignUpRecord[]; activities?: Activity[] } = {}): MemoryVolunteer {
  return new MemoryVolunteer({
    activities: over.activities ?? [
      activity(A_DRILL),
      // Overlaps the drill (10:00–12:00 the same day).
      activity(A_VISIT, { title: '探访独居老人', place: '3号楼', startAt: at(3, 10), endAt: at(3, 12), description: '' }),
      activity(A_FULL, { title: '环境清洁日', capacity: 1, startAt: at(4, 9), endAt: at(4, 10) }),
      activity(A_CLOSED, { title: '反诈宣传', signupDeadline: at(-1, 17), startAt: at(1, 9), endAt: at(1, 10) }),
      activity(A_YOUTH, { title: '夜间巡逻', maxAge: 65, startAt: at(5, 19), endAt: at(5, 21), requirements: '能走楼梯' }),
    ],
    residents: RESIDENTS,
    signUps: over.signUps ?? [signUp('00000000-0000-4000-8000-000000000f01', A_FULL, 'r2', 'confirmed', 1)],
  });
}

async function mount(v: MemoryVolunteer | null = volunteer()): Promise<LinliVolunteerBoard> {
  const src = new MemorySource([], { volunteer: v ?? undefined });
  const provider = await fixture(html`<linli-provider .source=${src}><linli-volunteer-board></linli-volunteer-board></linli-provider>`);
  const el = provider.querySelector('linli-volunteer-board')!;
  await waitUntil(() => !/正在加载/.test(text(el)), 'list did not load', { timeout: 4000 });
  await el.updateComplete;
  return el;
}

function card(el: Element, id: string): HTMLElement | null {
  return sr(el).querySelector<HTMLButtonElement>(`button[data-key="${id}"]`)?.closest('li') ?? null;
}

function signUpButton(el: Element, id: string): HTMLButtonElement {
  return sr(el).querySelector<HTMLButtonElement>(`button[data-key="${id}"]`)!;
}

async function toConfirm(el: LinliVolunteerBoard, id: string, who = RESIDENTS[0]!): Promise<void> {
  signUpButton(el, id).click();
  await step(el, '登录');
  await signIn(el, who.phone, who.pin);
  await step(el, '确认报名');
}

describe('<linli-volunteer-board> list', () => {
  it('shows each activity: when, where, places left, 排候补 when full, 报名已截止, age limits and requirements', async () => {
    const el = await mount();
    expect(sr(el).querySelector('h2')!.textContent).to.equal('近期志愿活动');
    const drill = card(el, A_DRILL)!.textContent!.replace(/\s+/g, ' ');
    expect(drill).to.include('消防安全演练').and.include('地点：社区广场').and.include('09:00–11:00').and.include('还有 10 个名额').and.include('每服务 1 小时得 10 积分');
    expect(card(el, A_FULL)!.textContent).to.include('名额已满，可以排候补（0 人在等）');
    expect(signUpButton(el, A_FULL).textContent!.trim()).to.match(/^排候补/);
    expect(signUpButton(el, A_CLOSED).disabled).to.equal(true);
    expect(card(el, A_CLOSED)!.querySelector('[part~="badge"]')!.textContent).to.equal('报名已截止');
    expect(card(el, A_YOUTH)!.textContent).to.include('要求：65 岁及以下；能走楼梯');
    await expect(el).to.be.accessible();
  });

  it('says so in plain words when the station offers no volunteering online', async () => {
    const el = await mount(null);
    expect(text(el)).to.include('这个服务站还没有开通网上报名。');
  });

  it('shows activity titles as text, never as markup', async () => {
    const el = await mount(new MemoryVolunteer({ activities: PAYLOADS.slice(0, 12).map((p, i) => activity(`00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, { title: p, place: p, requirements: p })) }));
    expect(sr(el).querySelectorAll('script, iframe, object, embed, [onerror], [onload]').length).to.equal(0);
    expect(sr(el).querySelectorAll('[part~="activity"]').length).to.equal(12);
  });
});

describe('<linli-volunteer-board> signing up', () => {
  it('signs up with phone + PIN: confirmed, the event, my activities and places left updated', async () => {
    const v = volunteer();
    const el = await mount(v);
    await toConfirm(el, A_DRILL);
    expect(text(el)).to.include('报上后请按时到场签到');
    const fired = oneEvent(el, 'linli-volunteer-signed-up');
    button(el, '确认报名').click();
    const { detail } = (await fired) as CustomEvent<VolunteerSignedUpDetail>;
    expect(detail.activityId).to.equal(A_DRILL);
    expect(detail.status).to.equal('confirmed');
    await step(el, '报上了');
    expect(text(el)).to.include('消防安全演练').and.include('地点：社区广场');
    expect(v.signUps.filter((s) => s.residentId === 'r1').map((s) => [s.activityId, s.status])).to.deep.equal([[A_DRILL, 'confirmed']]);
    button(el, '完成').click();
    await waitUntil(() => card(el, A_DRILL)?.textContent!.includes('还有 9 个名额'), 'places left not updated');
    await waitUntil(() => sr(el).querySelector('[part~="account"] .mine'), 'my activities not shown');
    expect(sr(el).querySelector('[part~="account"] .mine')!.textContent).to.include('消防安全演练').and.include('已报上');
  });

  it('puts a resident on the waiting list when full, and my activities shows the place', async () => {
    const v = volunteer();
    const el = await mount(v);
    await toConfirm(el, A_FULL);
    expect(text(el)).to.include('名额已满，报名后排候补');
    button(el, '确认报名').click();
    await step(el, '已排候补');
    expect(v.signUps.find((s) => s.residentId === 'r1')!.status).to.equal('waitlisted');
    button(el, '完成').click();
    await waitUntil(() => sr(el).querySelector('[part~="account"] .mine')?.textContent!.includes('候补第 1 位'), 'waitlist place not shown');
  });

  it('warns before signing up for an activity at the same time as one of mine, and lets the resident go on', async () => {
    const v = volunteer({ signUps: [signUp('00000000-0000-4000-8000-000000000f02', A_DRILL, 'r1', 'confirmed', 1)] });
    const el = await mount(v);
    await toConfirm(el, A_VISIT);
    await waitUntil(() => sr(el).querySelector('.warning'), 'no overlap warning');
    expect(sr(el).querySelector('.warning')!.textContent).to.equal('提醒：这个时间您已经报了「消防安全演练」，两个活动时间重叠。确定还要报这一个吗？');
    await expect(el).to.be.accessible();
    button(el, '确认报名').click();
    await step(el, '报上了');
    expect(v.signUps.filter((s) => s.residentId === 'r1').length).to.equal(2);
  });

  it('does not warn when the times only touch', async () => {
    const v = volunteer({ signUps: [signUp('00000000-0000-4000-8000-000000000f03', A_FULL, 'r1', 'waitlisted', 2)] });
    const el = await mount(v);
    // The drill ends at 11:00 on day 3, the clean-up starts on day 4: no overlap.
    await toConfirm(el, A_DRILL);
    await waitUntil(() => text(el).includes('报上后请按时到场签到'), 'confirm step');
    await new Promise((r) => setTimeout(r, 50));
    expect(sr(el).querySelector('.warning')).to.equal(null);
  });

  it('refuses over the age limit in plain words and stores nothing', async () => {
    const v = volunteer();
    const el = await mount(v);
    const before = JSON.stringify(v.signUps);
    await toConfirm(el, A_YOUTH, RESIDENTS[1]);
    button(el, '确认报名').click();
    expect(await alertText(el)).to.equal('这个活动有年龄要求，超过了规定的年龄，没有报上名。');
    expect(JSON.stringify(v.signUps)).to.equal(before);
    expect(sr(el).querySelector('[role="alert"] button')).to.equal(null);
  });

  it('says at once when the resident is already signed up (at the kiosk, say), with no 确认报名', async () => {
    const v = volunteer({ signUps: [signUp('00000000-0000-4000-8000-000000000f07', A_DRILL, 'r1', 'waitlisted', 1)] });
    const el = await mount(v);
    await toConfirm(el, A_DRILL);
    expect(await alertText(el)).to.equal('您已经报过名了，不用再报。');
    expect([...sr(el).querySelectorAll('.flow button')].map((b) => b.textContent!.trim())).to.deep.equal(['返回']);
  });

  it('a wrong PIN is a plain sentence, and the PIN never stays in the page', async () => {
    const el = await mount();
    signUpButton(el, A_DRILL).click();
    await step(el, '登录');
    await signIn(el, '13800138000', '0000');
    expect(await alertText(el)).to.equal('手机号或密码不对，请再试一次。');
    expect(sr(el).querySelector<HTMLInputElement>('#linli-pin')!.value).to.equal('');
  });

  it('after a lost answer, 重试 sends the same sign-up id and it is applied once', async () => {
    const v = volunteer();
    const el = await mount(v);
    await toConfirm(el, A_DRILL);
    v.loseNextAnswer = true;
    button(el, '确认报名').click();
    expect(await alertText(el)).to.equal('暂时连不上服务站，请检查网络后再试。');
    button(el, '重试').click();
    await step(el, '报上了');
    expect(v.signUpRequests.length).to.equal(2);
    expect(v.signUpRequests[0]!.signUpId).to.equal(v.signUpRequests[1]!.signUpId);
    expect(v.signUps.filter((s) => s.residentId === 'r1').length).to.equal(1);
  });

  it('cancels before the start: the first on the waiting list takes the place', async () => {
    const v = volunteer({
      signUps: [signUp('00000000-0000-4000-8000-000000000f04', A_FULL, 'r1', 'confirmed', 1), signUp('00000000-0000-4000-8000-000000000f05', A_FULL, 'r2', 'waitlisted', 2)],
    });
    const el = await mount(v);
    sr(el).querySelector<HTMLButtonElement>('[part~="account"] button')!.click();
    await step(el, '登录');
    await signIn(el, RESIDENTS[0]!.phone, RESIDENTS[0]!.pin);
    await waitUntil(() => sr(el).querySelector('[part~="account"] .mine'), 'my activities not shown');
    const fired = oneEvent(el, 'linli-volunteer-cancelled');
    button(el, '取消报名环境清洁日').click();
    await fired;
    await waitUntil(() => text(el).includes('已经取消报名：环境清洁日。'), 'no cancel notice');
    expect(v.signUps.map((s) => [s.residentId, s.status])).to.deep.equal([
      ['r1', 'cancelled'],
      ['r2', 'confirmed'],
    ]);
    await waitUntil(() => sr(el).querySelector('[part~="account"] .mine')!.textContent!.includes('已取消'), 'status not updated');
  });

  it('keeps full names, phones and the token out of the page and out of storage', async () => {
    const before = { local: localStorage.length, session: sessionStorage.length };
    const el = await mount();
    await toConfirm(el, A_DRILL);
    button(el, '确认报名').click();
    await step(el, '报上了');
    button(el, '完成').click();
    await waitUntil(() => sr(el).querySelector('[part~="account"] .mine'), 'my activities');
    const all = everything(el.shadowRoot!);
    expect(all).to.include('张*华').and.include('138****8000');
    for (const r of RESIDENTS) expect(all).not.to.include(r.name).and.not.to.include(r.phone);
    expect({ local: localStorage.length, session: sessionStorage.length }).to.deep.equal(before);
  });
});

describe('<linli-volunteer-board> over HTTP', () => {
  const API = 'https://linli.example.gov.cn/api';
  const realFetch = window.fetch;
  let calls: { method: string; url: string; body: unknown; auth: string | null }[];
  let signUpReply: { status: number; body: unknown };

  beforeEach(() => {
    calls = [];
    signUpReply = { status: 409, body: { error: 'deadline-passed', message: 'RAW SERVER TEXT' } };
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = { method: init?.method ?? 'GET', url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: new Headers(init?.headers).get('Authorization') };
      calls.push(call);
      const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (call.url === `${API}/stations/${STATION}/volunteer/activities`) {
        return json(200, { activities: [{ ...activity(A_DRILL), stationId: undefined, revision: undefined, placesLeft: 3, waitlistLength: 0, open: true }] });
      }
      if (call.url === `${API}/residents/login`) return json(200, { token: 'tok-v', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), resident: { id: 'r1', name: '张建华', building: '3号楼', phone: '138****8000' } });
      if (call.url === `${API}/residents/me/volunteer`) return json(200, { signUps: [], overlaps: [] });
      if (call.url === `${API}/residents/me/volunteer/sign-ups`) return json(signUpReply.status, signUpReply.body);
      return json(404, { error: 'not-found' });
    }) as typeof fetch;
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('reads the station\'s activities, signs in and signs up with the token; a refusal is the widget\'s own sentence', async () => {
    const el = await fixture<LinliVolunteerBoard>(html`<linli-volunteer-board api=${API} station=${STATION}></linli-volunteer-board>`);
    await waitUntil(() => signUpButton(el, A_DRILL), 'list did not load', { timeout: 4000 });
    expect(card(el, A_DRILL)!.textContent).to.include('还有 3 个名额');
    signUpButton(el, A_DRILL).click();
    await step(el, '登录');
    await signIn(el, '13800138000', '1234');
    await step(el, '确认报名');
    button(el, '确认报名').click();
    expect(await alertText(el)).to.equal('报名已经截止了，没有报上名。');
    expect(text(el)).not.to.include('RAW SERVER TEXT');
    const posted = calls.find((c) => c.url.endsWith('/residents/me/volunteer/sign-ups'))!;
    expect(posted.method).to.equal('POST');
    expect(posted.auth).to.equal('Bearer tok-v');
    expect(Object.keys(posted.body as object).sort()).to.deep.equal(['activityId', 'signUpId']);
    expect((posted.body as { activityId: string }).activityId).to.equal(A_DRILL);
    expect(calls.find((c) => c.url.endsWith('/residents/login'))!.body).to.deep.equal({ stationId: STATION, phone: '13800138000', pin: '1234' });
  });

  it('a 201 with a waitlisted sign-up shows 已排候补', async () => {
    signUpReply = { status: 201, body: { signUp: { ...signUp('00000000-0000-4000-8000-000000000f06', A_DRILL, 'r1', 'waitlisted', 7) }, overlapping: [] } };
    const el = await fixture<LinliVolunteerBoard>(html`<linli-volunteer-board api=${API} station=${STATION}></linli-volunteer-board>`);
    await waitUntil(() => signUpButton(el, A_DRILL), 'list did not load', { timeout: 4000 });
    signUpButton(el, A_DRILL).click();
    await step(el, '登录');
    await signIn(el, '13800138000', '1234');
    await step(el, '确认报名');
    button(el, '确认报名').click();
    await step(el, '已排候补');
  });
});
