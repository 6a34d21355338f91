/**
 * 我的 and undo: a resident sees only their own actions, with their state; actions of a type a
 * feature registered as undoable can be undone for 10 minutes — withdrawn from the outbox while
 * certainly unsent, compensated by a new command once they may have reached the server.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import { canUndo, UNDO_WINDOW_MS, type Command, type CommandType } from '../../domain/index.ts';
import type { LinliMineScreen } from '../../kiosk/residents/mine-screen.ts';
import { enqueueForResident } from '../../kiosk/residents/resident-sign-in.ts';
import { registerUndoable, residentActions, undoAction } from '../../kiosk/residents/undo.ts';
import type { ResidentSession } from '../../kiosk/session/resident-session.ts';
import { cleanupDbs, expectAaaContrast, json, NOW, seed, testServices, until } from './kiosk-fixtures.ts';
import { seedResidents } from './residents-fixtures.ts';

// A command type only these tests know: features (meal booking, redemption) register theirs alike.
const BOOK = 'test.book' as CommandType;
const UNBOOK = 'test.unbook' as CommandType;
type AnyPayload = Command['payload'];

const zhang: ResidentSession = { residentId: 'r-zhang', name: '张秀英', method: 'pin', startedAt: NOW.toISOString() };
const li: ResidentSession = { residentId: 'r-li', name: '李淑珍', method: 'pin', startedAt: NOW.toISOString() };
const proxyForLi: ResidentSession = { ...li, method: 'proxy', proxyStaffNo: '1002' };

function clock(): { now: () => Date; advance(ms: number): void } {
  let t = NOW.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

async function setup() {
  const c = clock();
  const services = testServices(undefined, undefined, { now: c.now });
  await seed(services.db);
  await seedResidents(services.db);
  return { services, clock: c };
}

function book(services: ReturnType<typeof testServices>, session: ResidentSession, meal: string) {
  return enqueueForResident(services.outbox, session, { type: BOOK, payload: { meal } as unknown as AnyPayload });
}

describe('undo rule (domain)', () => {
  it('allows undo for 10 minutes, never twice, never for refused actions', () => {
    const at = NOW.toISOString();
    expect(UNDO_WINDOW_MS).to.equal(10 * 60_000);
    expect(canUndo({ createdAt: at, status: 'pending' }, new Date(NOW.getTime() + UNDO_WINDOW_MS - 1))).to.equal(true);
    expect(canUndo({ createdAt: at, status: 'applied' }, new Date(NOW.getTime() + UNDO_WINDOW_MS))).to.equal(false);
    expect(canUndo({ createdAt: at, status: 'applied', undoneAt: at }, NOW)).to.equal(false);
    expect(canUndo({ createdAt: at, status: 'rejected' }, NOW)).to.equal(false);
  });
});

describe('我的 and undo', () => {
  let unregister: (() => void) | null = null;
  beforeEach(() => {
    unregister = registerUndoable(BOOK, (command) => ({ type: UNBOOK, payload: { meal: (command.payload as unknown as { meal: string }).meal } as unknown as AnyPayload }));
  });
  afterEach(async () => {
    unregister?.();
    await cleanupDbs();
  });

  it('keeps each resident’s actions apart, newest first, with their outcome', async () => {
    const { services, clock: c } = await setup();
    const first = await book(services, zhang, '周一午餐');
    c.advance(60_000);
    await book(services, li, '周一午餐');
    c.advance(60_000);
    const second = await book(services, zhang, '周二午餐');
    // The staff-side record of a proxy session is not the resident's action; the proxy's own actions are.
    await services.outbox.enqueue({ type: 'resident.proxy-session', payload: { residentId: 'r-li', startedAt: NOW.toISOString() }, actor: { staffNo: '1002', residentId: 'r-li' } });
    await book(services, proxyForLi, '周三午餐');

    const mine = await residentActions(services.db, 'r-zhang');
    expect(mine.map((a) => a.id)).to.deep.equal([second.id, first.id]);
    expect(mine.every((a) => a.status === 'pending')).to.equal(true);
    const lis = await residentActions(services.db, 'r-li');
    expect(lis.map((a) => a.type)).to.deep.equal([BOOK, BOOK]);
    expect(lis[0]!.command.actor).to.deep.equal({ staffNo: '1002', residentId: 'r-li' });

    // The server applies the first and refuses the second.
    services.server.pushQueue.push((r) => {
      const commands = (r.body as { commands: Command[] }).commands;
      return json({
        outcomes: commands.map((cmd) => ({ seq: cmd.seq, commandId: cmd.id, status: cmd.id === second.id ? 'rejected' : 'applied', ...(cmd.id === second.id ? { reason: '周二午餐已订满' } : {}) })),
        lastSeq: commands[commands.length - 1]!.seq,
      });
    });
    await services.engine.syncNow();
    const after = await residentActions(services.db, 'r-zhang');
    expect(after.map((a) => [a.status, a.reason ?? null])).to.deep.equal([['rejected', '周二午餐已订满'], ['applied', null]]);
  });

  it('undo within 10 minutes withdraws an unsent command from the outbox and closes the numbering', async () => {
    const { services, clock: c } = await setup();
    const a = await book(services, zhang, '周一午餐');
    const b = await book(services, zhang, '周二午餐');
    const other = await book(services, li, '周二午餐');
    c.advance(9 * 60_000);
    expect(await undoAction(services.outbox, zhang, a.id, c.now())).to.equal('withdrawn');
    const pending = await services.outbox.pending();
    expect(pending.map((r) => [r.seq, r.command.id])).to.deep.equal([[1, b.id], [2, other.id]]);
    expect(pending.map((r) => r.command.seq)).to.deep.equal([1, 2]);
    const next = await book(services, zhang, '周三午餐');
    expect(next.seq).to.equal(3);
    const action = (await residentActions(services.db, 'r-zhang')).find((x) => x.id === a.id)!;
    expect(action.undoneAt).to.equal(c.now().toISOString());
    // Not twice; and never someone else's.
    expect(await undoAction(services.outbox, zhang, a.id, c.now())).to.equal('not-allowed');
    expect(await undoAction(services.outbox, zhang, other.id, c.now())).to.equal('not-allowed');
    expect((await services.outbox.pending()).some((r) => r.command.id === other.id)).to.equal(true);
  });

  it('undo of a command that may have reached the server queues the compensating command instead', async () => {
    const { services, clock: c } = await setup();
    const a = await book(services, zhang, '周一午餐');
    // A failed send: the server may have applied it (response lost), so it is no longer withdrawable.
    services.server.pushQueue.push(() => 'network-error');
    await services.engine.syncNow();
    expect((await services.outbox.pending())[0]!.status).to.equal('retrying');
    c.advance(5 * 60_000);
    expect(await undoAction(services.outbox, zhang, a.id, c.now())).to.equal('compensated');
    const pending = await services.outbox.pending();
    expect(pending.map((r) => r.command.type)).to.deep.equal([BOOK, UNBOOK]);
    expect(pending[1]!.command.payload).to.deep.equal({ meal: '周一午餐' });
    expect(pending[1]!.command.actor).to.deep.equal({ residentId: 'r-zhang' });
    const actions = await residentActions(services.db, 'r-zhang');
    expect(actions.find((x) => x.id === a.id)!.undoneAt).to.not.equal(undefined);
    expect(actions.find((x) => x.id === pending[1]!.command.id)!.undoOf).to.equal(a.id);
  });

  it('an applied command is compensated too, and after 10 minutes nothing can be undone', async () => {
    const { services, clock: c } = await setup();
    const a = await book(services, zhang, '周一午餐');
    const late = await book(services, zhang, '周二午餐');
    await services.engine.syncNow();
    expect(await services.outbox.count()).to.equal(0);
    c.advance(2 * 60_000);
    expect(await undoAction(services.outbox, zhang, a.id, c.now())).to.equal('compensated');
    c.advance(UNDO_WINDOW_MS);
    expect(await undoAction(services.outbox, zhang, late.id, c.now())).to.equal('not-allowed');
    // An unregistered type has no undo either.
    const pin = await enqueueForResident(services.outbox, zhang, { type: 'resident.set-pin', payload: { residentId: 'r-zhang', pinHash: 'x', baseRevision: 1 } });
    expect(await undoAction(services.outbox, zhang, pin.id, c.now())).to.equal('not-allowed');
  });

  it('the 我的 screen lists only this resident’s actions, offers 撤销 within 10 minutes, and shows the result', async () => {
    const { services, clock: c } = await setup();
    const a = await book(services, zhang, '周一午餐');
    await book(services, li, '周一午餐');
    const el = await fixture<LinliMineScreen>(html`<linli-mine-screen lang="zh-CN" .services=${services} .session=${zhang}></linli-mine-screen>`);
    await until(() => el.actions.length > 0, 2000, 'actions listed');
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('li[data-action]')];
    expect(rows.map((r) => r.getAttribute('data-action'))).to.deep.equal([a.id]);
    expect(rows[0]!.querySelector('.status')!.textContent).to.equal('待同步');
    expect(el.shadowRoot!.textContent).to.not.contain('李淑珍');
    await expectAaaContrast(el);

    rows[0]!.querySelector<HTMLButtonElement>('button.undo')!.click();
    await until(() => el.message.length > 0, 2000, 'undo message');
    await until(() => el.shadowRoot!.querySelector('li[data-action]')?.getAttribute('data-status') === 'undone', 2000, 'shown as undone');
    expect(el.shadowRoot!.querySelector('li .status')!.textContent).to.equal('已撤销');
    expect(el.shadowRoot!.querySelector('button.undo')).to.equal(null);
    expect((await services.outbox.pending()).map((r) => r.command.actor.residentId)).to.deep.equal(['r-li']);

    // Later: no 撤销 after 10 minutes.
    await book(services, zhang, '周二午餐');
    await until(() => el.actions.length === 2, 2000, 'new action listed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('button.undo').length).to.equal(1);
    c.advance(UNDO_WINDOW_MS + 1);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('button.undo').length).to.equal(0);

    // Another resident's session shows their actions, and none of Zhang's.
    el.session = li;
    await until(() => el.actions.every((x) => x.residentId === 'r-li') && el.actions.length === 1, 2000, 'li only');
    el.session = null;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('li').length).to.equal(0);
  });
});
