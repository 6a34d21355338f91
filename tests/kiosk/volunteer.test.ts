/**
 * Volunteer service at the kiosk: the list (places left, 候补, closed, the resident's own status),
 * online sign-up decided at once (报上名了 / 候补第 N 位; a refusal said and nothing kept), offline
 * sign-up queued as provisional (登记成功，联网后确认) whose outcome — confirmed, waitlisted or
 * refused with the reason — reaches 我的 through the replica; the overlap warning (dismissed or
 * accepted); deadline and age refusals in plain words with nothing queued; check-in / check-out
 * queued exactly once; the staff attendance list queueing one command per person; cancel; the
 * spoken form without personal data.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/volunteer/define.ts';
import type { Command, PushRequest } from '../../domain/index.ts';
import { signUpRefusalMessage } from '../../domain/volunteer.ts';
import type { LinliMineScreen } from '../../kiosk/residents/mine-screen.ts';
import { residentSession } from '../../kiosk/residents/resident-sign-in.ts';
import { residentActions } from '../../kiosk/residents/undo.ts';
import type { ResidentSession } from '../../kiosk/session/resident-session.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import type { LinliVolunteerAttendanceScreen } from '../../kiosk/volunteer/attendance-screen.ts';
import { queueAttendance, signUpForActivity } from '../../kiosk/volunteer/volunteer-actions.ts';
import type { LinliVolunteerScreen } from '../../kiosk/volunteer/volunteer-screen.ts';
import { zhangSession } from './elder-fixtures.ts';
import { cleanupDbs, FakeServer, FakeTimers, json, NOW, pullPage, seed, testServices, until } from './kiosk-fixtures.ts';
import { demoResidents, seedResidents } from './residents-fixtures.ts';
import { ACTIVITIES, SIGN_UPS, seedVolunteer, signUp, volunteerServer, type Decision } from './volunteer-fixtures.ts';

type Services = ReturnType<typeof testServices>;
const offline = { isOnline: () => false };
const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };
const activityOf = (id: string) => ACTIVITIES.find((a) => a.id === id)!;

async function kiosk(over: Parameters<typeof testServices>[2] = {}, server = new FakeServer(), signUps = SIGN_UPS): Promise<Services> {
  const s = testServices(server, new FakeTimers(), over);
  await seed(s.db, {});
  await seedResidents(s.db);
  await seedVolunteer(s.db, { signUps });
  return s;
}

function serve(server: FakeServer, decide?: (c: Command<'volunteer.sign-up'>) => Decision, n = 6): void {
  const answer = volunteerServer({ decide, known: new Map(SIGN_UPS.map((x) => [x.id, x])) });
  for (let i = 0; i < n; i++) server.pushQueue.push((r) => json(answer(r.body as PushRequest)));
}

async function wangSession(): Promise<ResidentSession> {
  const residents = await demoResidents();
  return residentSession(residents.find((r) => r.id === 'r-wang')!, 'pin', NOW);
}

type Host = Element & { updateComplete: Promise<unknown> };
const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = (el.shadowRoot ?? el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};
const text = (el: Element, selector: string): string => $(el, selector).textContent!.replace(/\s+/g, ' ').trim();

async function click(el: Host, selector: string): Promise<void> {
  $(el, selector).click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

async function board(s: Services, session: ResidentSession | null): Promise<LinliVolunteerScreen> {
  const el = await fixture<LinliVolunteerScreen>(html`<linli-volunteer-screen lang="zh-CN" .services=${s} .session=${session}></linli-volunteer-screen>`);
  await until(() => el.shadowRoot!.querySelectorAll('ul.activities > li').length > 0, 3000, 'activities');
  await el.updateComplete;
  return el;
}

/** 报名 on an activity, then wait for the sheet (or the refusal). */
async function askSignUp(el: LinliVolunteerScreen, activityId: string): Promise<void> {
  await click(el, `li[data-activity="${activityId}"] button.sign-up`);
  await until(() => el.sheet !== 'none' || el.step === 'refused', 3000, 'sheet or refusal');
  await el.updateComplete;
}

function confirmSheet(el: LinliVolunteerScreen): void {
  $(el, 'linli-confirm-sheet').dispatchEvent(new CustomEvent('linli-confirm'));
}

async function mine(s: Services, session: ResidentSession): Promise<LinliMineScreen> {
  return fixture<LinliMineScreen>(html`<linli-mine-screen lang="zh-CN" .services=${s} .session=${session}></linli-mine-screen>`);
}

/** The 我的志愿服务 row of a sign-up: its data-status and its text. */
function mineRow(m: LinliMineScreen, signUpId: string): { status: string; text: string } | null {
  const row = m.shadowRoot!.querySelector('linli-mine-volunteer')?.shadowRoot?.querySelector(`li[data-sign-up="${signUpId}"]`);
  return row ? { status: row.getAttribute('data-status')!, text: row.textContent!.replace(/\s+/g, ' ').trim() } : null;
}

describe('volunteer: the list and sign-up at the kiosk', () => {
  afterEach(cleanupDbs);

  it('lists what is to come with places left, 候补 when full, 报名已截止, requirements, age, points, and her own status', async () => {
    const s = await kiosk(offline);
    const el = await board(s, await zhangSession(NOW));
    const ids = [...el.shadowRoot!.querySelectorAll('ul.activities > li')].map((li) => li.getAttribute('data-activity'));
    expect(ids).to.deep.equal(['act-drill', 'act-talk', 'act-film', 'act-visit', 'act-clean', 'act-patrol']);
    const film = $(el, 'li[data-activity="act-film"]');
    expect(film.getAttribute('data-state')).to.equal('open');
    expect(text(film, '.places')).to.equal('还有 30 个名额');
    expect(text(film, '.when')).to.equal('时间：2026年11月24日 20:00–21:30');
    expect(text(film, '.place')).to.equal('地点：服务站一楼大厅');
    expect(text(film, '.points')).to.equal('每服务 1 小时得 5 积分');
    expect(text(film, 'button.sign-up')).to.equal('报名');
    const visit = $(el, 'li[data-activity="act-visit"]');
    expect(visit.getAttribute('data-state')).to.equal('full');
    expect(text(visit, '.places')).to.equal('名额已满，可以报名候补（已有 0 人候补）');
    expect(text(visit, 'button.sign-up')).to.equal('报名候补');
    const clean = $(el, 'li[data-activity="act-clean"]');
    expect(text(clean, '.deadline')).to.equal('报名已截止');
    expect(clean.querySelector('button.sign-up')).to.equal(null);
    const patrol = $(el, 'li[data-activity="act-patrol"]');
    expect(text(patrol, '.age')).to.equal('年龄：18 到 70 岁');
    expect(text(patrol, '.requirements')).to.equal('要求：能走楼梯，自带手电筒');
    expect(text(patrol, '.deadline')).to.equal('11月26日（周四）12:00 截止报名');
    const talk = $(el, 'li[data-activity="act-talk"]');
    expect(text(talk, '.my-status')).to.equal('已报上名');
    expect(talk.querySelector('button.sign-up')).to.equal(null);
    expect(text(talk, 'button.cancel')).to.equal('取消报名');
    // Spoken: the activities and her status, never her name.
    const spoken = el.spokenText();
    expect(spoken).to.contain('老电影放映。时间：2026年11月24日 20:00–21:30。地点：服务站一楼大厅。还有 30 个名额。');
    expect(spoken).to.contain('防诈骗宣讲。');
    expect(spoken).not.to.contain('张秀英');
  });

  it('online and confirmed: volunteer.sign-up provisional:false pushed at once → 报上名了, confirmed in the replica', async () => {
    const server = new FakeServer();
    serve(server);
    const s = await kiosk({}, server);
    const el = await board(s, await wangSession());
    await askSignUp(el, 'act-film');
    expect(el.sheet).to.equal('sign-up');
    expect($(el, 'linli-confirm-sheet').getAttribute('heading')).to.equal('确认报名');
    confirmSheet(el);
    await until(() => el.step === 'confirmed', 4000, 'confirmed');
    await el.updateComplete;
    expect(text(el, 'h1')).to.equal('报上名了');
    expect(text(el, '.outcome')).to.equal('“老电影放映”报上名了。2026年11月24日 20:00–21:30，请到服务站一楼大厅');
    const pushed = server.pushes().flatMap((p) => p.commands);
    expect(pushed.map((c) => [c.type, c.actor.residentId])).to.deep.equal([['volunteer.sign-up', 'r-wang']]);
    expect(pushed[0]!.payload).to.include({ activityId: 'act-film', provisional: false });
    const stored = await s.db.run((c) => c.getAllFromIndex('volunteerSignUps', 'byActivity', 'act-film'));
    expect(stored.map((x) => [x.residentId, x.status])).to.deep.equal([['r-wang', 'confirmed']]);
    expect(await s.outbox.count()).to.equal(0);
  });

  it('online and full: 候补第 N 位 counted in arrival order from the replica', async () => {
    const server = new FakeServer();
    serve(server, () => 'waitlisted');
    const s = await kiosk({}, server, [...SIGN_UPS, signUp({ id: 'su-visit-other', activityId: 'act-visit', residentId: 'r-gone', status: 'waitlisted', arrival: 3 })]);
    const el = await board(s, await zhangSession(NOW));
    await askSignUp(el, 'act-visit');
    confirmSheet(el);
    await until(() => el.step === 'waitlisted', 6000, 'waitlisted');
    await el.updateComplete;
    expect(text(el, 'h1')).to.equal('已经候补');
    expect(text(el, '.outcome')).to.equal('名额已满，您在候补第 2 位。有人取消时会按顺序自动补上，请到“我的”里查看');
    const m = await mine(s, await zhangSession(NOW));
    const [row] = (await s.db.run((c) => c.getAllFromIndex('volunteerSignUps', 'byResident', 'r-zhang'))).filter((x) => x.activityId === 'act-visit');
    await until(() => mineRow(m, row!.id)?.status === 'waitlisted', 3000, '我的 waitlisted');
    expect(mineRow(m, row!.id)!.text).to.contain('候补第 2 位');
  });

  it('online and refused by the server: its sentence, nothing kept, nothing on 需要处理', async () => {
    const server = new FakeServer();
    serve(server, () => 'already-started');
    const s = await kiosk({}, server);
    const result = await signUpForActivity(s, await wangSession(), activityOf('act-film'));
    expect(result).to.deep.equal({ kind: 'refused', message: signUpRefusalMessage('already-started', activityOf('act-film')) });
    expect(await s.db.run((c) => c.getAllFromIndex('volunteerSignUps', 'byActivity', 'act-film'))).to.deep.equal([]);
    expect(await s.outbox.count()).to.equal(0);
    expect(await s.db.run((c) => c.count('attention'))).to.equal(0);
  });

  for (const [decision, status, words] of [
    ['confirmed', 'confirmed', '已报上名'],
    ['waitlisted', 'waitlisted', '候补第 1 位'],
    ['deadline-passed', 'refused', `没有报上名 原因：${signUpRefusalMessage('deadline-passed', activityOf('act-visit'))}`],
  ] as const) {
    it(`offline: queued provisional, 登记成功，联网后确认; the server's answer (${decision}) reaches 我的`, async () => {
      const server = new FakeServer();
      const s = await kiosk(offline, server);
      const session = await zhangSession(NOW);
      const el = await board(s, session);
      await askSignUp(el, 'act-visit');
      confirmSheet(el);
      await until(() => el.step === 'provisional', 3000, 'provisional');
      await el.updateComplete;
      expect(text(el, 'h1')).to.equal('登记成功，联网后确认');
      expect(el.shadowRoot!.textContent).not.to.contain('报上名了');
      const [record] = await s.outbox.pending();
      expect(record!.command.type).to.equal('volunteer.sign-up');
      expect(record!.command.payload).to.include({ activityId: 'act-visit', provisional: true });
      expect(server.pushes()).to.have.length(0);
      const signUpId = (record!.command.payload as { signUpId: string }).signUpId;

      const m = await mine(s, session);
      await until(() => mineRow(m, signUpId)?.status === 'provisional', 3000, '我的 provisional');
      expect(mineRow(m, signUpId)!.text).to.contain('独居老人探访').and.to.contain('登记成功，联网后确认');
      // 我的 lists the pending action too (its own section, which may render a moment later).
      await until(() => m.shadowRoot!.querySelector('li[data-status="pending"] .status') !== null, 3000, '我的 pending action');
      expect(m.shadowRoot!.querySelector('li[data-status="pending"] .status')!.textContent).to.equal('登记成功，联网后确认');

      // Back online: the server decides.
      Object.assign(s.engine.env, { isOnline: () => true });
      serve(server, () => decision);
      await s.engine.syncNow();
      await until(() => mineRow(m, signUpId)?.status === status, 3000, `我的 ${status}`);
      expect(mineRow(m, signUpId)!.text).to.contain(words);
      const [action] = await residentActions(s.db, 'r-zhang');
      expect(action!.status).to.equal(status === 'refused' ? 'rejected' : 'applied');
      if (status === 'refused') {
        await until(() => m.shadowRoot!.querySelector('li[data-status="rejected"]') !== null, 3000, '我的 action refused');
        const row = m.shadowRoot!.querySelector('li[data-status="rejected"]')!;
        expect(row.textContent).to.contain('志愿活动报名').and.to.contain(signUpRefusalMessage('deadline-passed', activityOf('act-visit')));
      }
      expect(await s.db.run((c) => c.count('attention'))).to.equal(0);
      expect(await s.outbox.count()).to.equal(0);
    });
  }

  it('a pulled change moves her from the waitlist to confirmed in 我的 (promotion after a cancellation)', async () => {
    const server = new FakeServer();
    const waiting = signUp({ id: 'su-visit-zhang', activityId: 'act-visit', residentId: 'r-zhang', status: 'waitlisted', arrival: 3 });
    const s = await kiosk({}, server, [...SIGN_UPS, waiting]);
    const m = await mine(s, await zhangSession(NOW));
    await until(() => mineRow(m, 'su-visit-zhang')?.text.includes('候补第 1 位') === true, 3000, 'waitlisted');
    server.pullQueue.push(() => pullPage([{ seq: 5, entity: 'volunteer-sign-up', id: waiting.id, op: 'put', data: { ...waiting, status: 'confirmed' } }], 5));
    await s.engine.syncNow();
    await until(() => mineRow(m, 'su-visit-zhang')?.status === 'confirmed', 3000, 'promoted');
    expect(mineRow(m, 'su-visit-zhang')!.text).to.contain('已报上名');
  });

  it('overlap: a warning sheet naming the other activity; 不报了 queues nothing, 仍然报名 signs up', async () => {
    const s = await kiosk(offline);
    const el = await board(s, await zhangSession(NOW));
    await askSignUp(el, 'act-film');
    expect(el.sheet).to.equal('sign-up');
    const sheet = $(el, 'linli-confirm-sheet');
    expect(sheet.classList.contains('overlap-sheet')).to.equal(true);
    expect(sheet.getAttribute('heading')).to.equal('时间有冲突');
    expect(sheet.getAttribute('message')).to.equal('您在这个时间已经报了：“防诈骗宣讲”。还要报名“老电影放映”吗？');
    expect(sheet.getAttribute('confirm-label')).to.equal('仍然报名');
    expect(el.spokenText()).to.equal('时间有冲突。您在这个时间已经报了：“防诈骗宣讲”。还要报名“老电影放映”吗？仍然报名。不报了。');
    sheet.dispatchEvent(new CustomEvent('linli-cancel'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('linli-confirm-sheet')).to.equal(null);
    expect(await s.outbox.count()).to.equal(0);
    await askSignUp(el, 'act-film');
    confirmSheet(el);
    await until(() => el.step === 'provisional', 3000, 'signed up anyway');
    expect((await s.outbox.pending()).map((r) => [r.command.type, (r.command.payload as { activityId: string }).activityId])).to.deep.equal([['volunteer.sign-up', 'act-film']]);
  });

  it('no overlap warning for activities that only touch (ends 19:00, starts 19:00) or that she cancelled', async () => {
    const s = await kiosk(offline, new FakeServer(), [...SIGN_UPS.filter((x) => x.id !== 'su-talk-zhang'), signUp({ id: 'su-talk-zhang', activityId: 'act-talk', residentId: 'r-zhang', status: 'cancelled' })]);
    const el = await board(s, await zhangSession(NOW));
    await askSignUp(el, 'act-film');
    expect($(el, 'linli-confirm-sheet').getAttribute('heading')).to.equal('确认报名');
  });

  it('age limit and deadline: the plain sentence, nothing queued', async () => {
    const s = await kiosk(offline);
    const session = await zhangSession(NOW);
    const el = await board(s, session);
    await askSignUp(el, 'act-patrol');
    expect(el.step).to.equal('refused');
    await el.updateComplete;
    expect(text(el, 'h1')).to.equal('没有报上名');
    expect(text(el, '.outcome')).to.equal('这个活动只请 70 岁及以下的居民参加，没有报上名');
    expect(text(el, '.outcome')).to.equal(signUpRefusalMessage('too-old', activityOf('act-patrol')));
    expect(el.spokenText()).to.equal('没有报上名。这个活动只请 70 岁及以下的居民参加，没有报上名。');
    expect(await signUpForActivity(s, session, activityOf('act-clean'))).to.deep.equal({ kind: 'refused', message: '报名已经在 11月23日（周一）12:00 截止了，没有报上名' });
    expect(await signUpForActivity(s, session, activityOf('act-talk'))).to.deep.equal({ kind: 'refused', message: signUpRefusalMessage('already-signed-up', activityOf('act-talk')) });
    expect(await s.outbox.count()).to.equal(0);
  });

  it('without a session, 报名 leads to sign-in', async () => {
    const s = await kiosk(offline);
    const el = await board(s, null);
    expect(text(el, '.sign-in-first')).to.equal('报名要先登录');
    let target = '';
    el.addEventListener('linli-navigate', (e) => (target = e.detail.screen));
    await click(el, 'li[data-activity="act-film"] button.sign-up');
    expect(target).to.equal('resident-sign-in');
    expect(el.sheet).to.equal('none');
  });

  it('cancel: a confirm sheet, then volunteer.cancel queued once and the activity open to her again', async () => {
    const s = await kiosk(offline);
    const el = await board(s, await zhangSession(NOW));
    await click(el, 'li[data-activity="act-talk"] button.cancel');
    expect($(el, 'linli-confirm-sheet').getAttribute('message')).to.equal('确定不参加“防诈骗宣讲”了吗？');
    confirmSheet(el);
    await until(() => el.message === '已取消报名', 3000, 'cancelled');
    await until(() => el.shadowRoot!.querySelector('li[data-activity="act-talk"] button.sign-up') !== null, 3000, 'open again');
    const pending = await s.outbox.pending();
    expect(pending.map((r) => [r.command.type, r.command.payload])).to.deep.equal([['volunteer.cancel', { signUpId: 'su-talk-zhang', reason: '居民取消报名' }]]);
    expect(text(el, 'li[data-activity="act-talk"] .my-status')).to.equal('已取消');
  });
});

describe('volunteer: check-in and check-out', () => {
  afterEach(cleanupDbs);

  it('the resident at the venue kiosk: 签到 then 签退 on today\'s activity, each queued exactly once however often it is tapped', async () => {
    const s = await kiosk(offline);
    const el = await board(s, await zhangSession(NOW));
    expect(el.shadowRoot!.querySelector('li[data-activity="act-talk"] button.check-in')).to.equal(null);
    const checkIn = $(el, 'li[data-activity="act-drill"] button.check-in');
    checkIn.click();
    checkIn.click();
    await until(() => el.message === '签到好了', 3000, 'checked in');
    await until(() => el.shadowRoot!.querySelector('li[data-activity="act-drill"] button.check-out') !== null, 3000, 'check-out offered');
    expect(el.shadowRoot!.querySelector('li[data-activity="act-drill"] button.check-in')).to.equal(null);
    expect(text(el, 'li[data-activity="act-drill"] .my-status')).to.equal('已签到');
    // Another screen (or a second kiosk tab) trying the same: refused inside the enqueue transaction.
    expect(await queueAttendance(s, { residentId: 'r-zhang' }, 'volunteer.check-in', ['su-drill-zhang'])).to.equal(0);
    const checkOut = $(el, 'li[data-activity="act-drill"] button.check-out');
    checkOut.click();
    checkOut.click();
    await until(() => el.message.startsWith('签退好了'), 3000, 'checked out');
    const [a, b] = await Promise.all([
      queueAttendance(s, { residentId: 'r-zhang' }, 'volunteer.check-out', ['su-drill-zhang']),
      queueAttendance(s, { residentId: 'r-zhang' }, 'volunteer.check-out', ['su-drill-zhang']),
    ]);
    expect(a + b).to.equal(0);
    const pending = await s.outbox.pending();
    expect(pending.map((r) => [r.command.type, r.command.actor, r.command.payload])).to.deep.equal([
      ['volunteer.check-in', { residentId: 'r-zhang' }, { signUpId: 'su-drill-zhang', at: NOW.toISOString() }],
      ['volunteer.check-out', { residentId: 'r-zhang' }, { signUpId: 'su-drill-zhang', at: NOW.toISOString() }],
    ]);
  });

  it('我的 shows the hours and points once the server has answered the check-out', async () => {
    const server = new FakeServer();
    serve(server);
    const s = await kiosk({}, server);
    const session = await zhangSession(NOW);
    await queueAttendance(s, { residentId: 'r-zhang' }, 'volunteer.check-in', ['su-drill-zhang']);
    await queueAttendance(s, { residentId: 'r-zhang' }, 'volunteer.check-out', ['su-drill-zhang']);
    await s.engine.syncNow();
    const m = await mine(s, session);
    await until(() => mineRow(m, 'su-drill-zhang')?.status === 'checkedOut', 3000, 'checked out in 我的');
    expect(mineRow(m, 'su-drill-zhang')!.text).to.contain('已签退').and.to.contain('服务 2 小时，得到 20 积分');
    const section = m.shadowRoot!.querySelector('linli-mine-volunteer')!;
    expect(section.shadowRoot!.querySelector('.totals')!.textContent).to.equal('一共服务 2 小时，得到 20 积分');
    expect(m.spokenText()).to.contain('我的志愿服务。一共服务 2 小时，得到 20 积分。');
  });

  it('staff: the attendance list checks several people in and out together, one command per person', async () => {
    const s = await kiosk(offline);
    const el = await fixture<LinliVolunteerAttendanceScreen>(html`<linli-volunteer-attendance-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-volunteer-attendance-screen>`);
    await until(() => el.shadowRoot!.querySelector('ul.attendance-activities li') !== null, 3000, 'activities');
    expect([...el.shadowRoot!.querySelectorAll('ul.attendance-activities li')].map((li) => li.getAttribute('data-activity'))).to.deep.equal(['act-drill']);
    await click(el, 'li[data-activity="act-drill"] button.choose');
    const names = [...el.shadowRoot!.querySelectorAll('ol.people li .name')].map((n) => n.textContent);
    expect(names).to.deep.equal(['张秀英', '李淑珍', '王建华']);
    expect($(el, 'button.batch-check-in').hasAttribute('disabled')).to.equal(true);
    for (const id of ['su-drill-zhang', 'su-drill-li']) {
      const box = $<HTMLInputElement>(el, `li[data-sign-up="${id}"] input[type="checkbox"]`);
      box.click();
      await el.updateComplete;
    }
    expect(text(el, 'button.batch-check-in')).to.equal('所选的人签到（2 人）');
    await click(el, 'button.batch-check-in');
    await until(() => el.message === '已记下 2 人，联网后同步', 3000, 'queued');
    let pending = await s.outbox.pending();
    expect(pending.map((r) => [r.command.type, r.command.actor, (r.command.payload as { signUpId: string }).signUpId])).to.deep.equal([
      ['volunteer.check-in', { staffNo: '1001' }, 'su-drill-zhang'],
      ['volunteer.check-in', { staffNo: '1001' }, 'su-drill-li'],
    ]);
    await until(() => text(el, 'li[data-sign-up="su-drill-zhang"] .state') === '16:00 签到，待同步', 3000, 'state');
    // Everyone selected: only the two checked in can be checked out.
    await click(el, 'button.select-all');
    expect(text(el, 'button.batch-check-in')).to.equal('所选的人签到（1 人）');
    expect(text(el, 'button.batch-check-out')).to.equal('所选的人签退（2 人）');
    await click(el, 'button.batch-check-out');
    // (The message is the same as after the check-in: wait for the outbox itself.)
    await until(async () => (await s.outbox.count()) === 4, 3000, 'queued out');
    expect(el.message).to.equal('已记下 2 人，联网后同步');
    pending = await s.outbox.pending();
    expect(pending.map((r) => [r.command.type, (r.command.payload as { signUpId: string }).signUpId])).to.deep.equal([
      ['volunteer.check-in', 'su-drill-zhang'],
      ['volunteer.check-in', 'su-drill-li'],
      ['volunteer.check-out', 'su-drill-zhang'],
      ['volunteer.check-out', 'su-drill-li'],
    ]);
    // One person on their own row.
    await click(el, 'li[data-sign-up="su-drill-wang"] button.check-in');
    await until(async () => (await s.outbox.count()) === 5, 3000, 'wang queued');
    expect(el.spokenText()).not.to.contain('张秀英');
  });
});

describe('volunteer: the staff activity editor', () => {
  afterEach(cleanupDbs);

  async function manager(s: Services): Promise<LinliVolunteerAttendanceScreen> {
    const el = await fixture<LinliVolunteerAttendanceScreen>(html`<linli-volunteer-attendance-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-volunteer-attendance-screen>`);
    await until(() => el.shadowRoot!.querySelectorAll('ul.all-activities li').length === 6, 3000, 'all activities');
    return el;
  }

  function editor(el: LinliVolunteerAttendanceScreen): Host {
    return el.shadowRoot!.querySelector('linli-volunteer-activity-editor') as unknown as Host;
  }

  async function type(ed: Host, field: string, value: string): Promise<void> {
    const input = ed.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${field}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await ed.updateComplete;
  }

  it('a new activity offline: the domain\'s problems in plain words, then activity.save queued with station times, shown at once', async () => {
    const s = await kiosk(offline);
    const el = await manager(s);
    await click(el, 'button.new-activity');
    const ed = editor(el);
    await ed.updateComplete;
    await type(ed, 'startAt', '2026-11-28T09:00');
    await type(ed, 'endAt', '2026-11-28T08:00');
    await click(ed, 'button.save');
    expect(text(ed, '.summary')).to.equal('有 6 处需要改一下');
    expect(text(ed, '[data-field="place"] .error')).to.equal('请填写活动地点');
    expect(text(ed, '[data-field="title"] .error')).to.equal('请填写活动名称');
    expect(text(ed, '[data-field="endAt"] .error')).to.equal('结束时间要晚于开始时间');
    expect(text(ed, '[data-field="capacity"] .error')).to.equal('招募人数要填 1 到 1000 之间的整数');
    expect(await s.outbox.count()).to.equal(0);
    await type(ed, 'title', '重阳节敬老活动');
    await type(ed, 'place', '服务站一楼大厅');
    await type(ed, 'endAt', '2026-11-28T11:30');
    await type(ed, 'signupDeadline', '2026-11-27T17:00');
    await type(ed, 'capacity', '12');
    await type(ed, 'maxAge', '75');
    await type(ed, 'pointsPerHour', '10');
    await click(ed, 'button.save');
    await until(() => el.message === '活动已保存，联网后同步', 3000, 'saved');
    const [record] = await s.outbox.pending();
    expect(record!.command.type).to.equal('activity.save');
    expect(record!.command.actor).to.deep.equal({ staffNo: '1001' });
    expect(record!.command.payload).to.deep.include({ baseRevision: null });
    expect((record!.command.payload as { draft: unknown }).draft).to.deep.equal({
      title: '重阳节敬老活动',
      description: '',
      place: '服务站一楼大厅',
      startAt: '2026-11-28T01:00:00.000Z',
      endAt: '2026-11-28T03:30:00.000Z',
      capacity: 12,
      signupDeadline: '2026-11-27T09:00:00.000Z',
      minAge: null,
      maxAge: 75,
      requirements: '',
      pointsPerHour: 10,
      photo: null,
      cancelled: false,
    });
    await until(() => el.shadowRoot!.querySelectorAll('ul.all-activities li').length === 7, 3000, 'new one listed');
    const id = (record!.command.payload as { activityId: string }).activityId;
    expect(text(el, `ul.all-activities li[data-activity="${id}"] .pending`)).to.equal('待同步');
    const list = await board(s, await zhangSession(NOW));
    await until(() => list.shadowRoot!.querySelector(`li[data-activity="${id}"]`) !== null, 3000, 'residents see it');
    expect(text(list, `li[data-activity="${id}"] .places`)).to.equal('还有 12 个名额');
  });

  it('editing sends the revision it was based on; 活动取消 shows to the residents who signed up', async () => {
    const s = await kiosk(offline);
    const el = await manager(s);
    await click(el, 'ul.all-activities li[data-activity="act-talk"] button.edit');
    const ed = editor(el);
    await ed.updateComplete;
    expect(ed.shadowRoot!.querySelector<HTMLInputElement>('#startAt')!.value).to.equal('2026-11-24T19:00');
    ed.shadowRoot!.querySelector<HTMLInputElement>('input[name="cancelled"]')!.click();
    await click(ed, 'button.save');
    await until(async () => (await s.outbox.count()) === 1, 3000, 'queued');
    const [record] = await s.outbox.pending();
    expect(record!.command.payload).to.deep.include({ activityId: 'act-talk', baseRevision: 1 });
    expect((record!.command.payload as { draft: { cancelled: boolean; title: string } }).draft).to.deep.include({ cancelled: true, title: '防诈骗宣讲' });
    const list = await board(s, await zhangSession(NOW));
    await until(() => list.shadowRoot!.querySelector('li[data-activity="act-talk"]')?.getAttribute('data-state') === 'cancelled', 3000, 'called off');
    expect(text(list, 'li[data-activity="act-talk"] .my-status')).to.equal('活动已取消');
  });
});
