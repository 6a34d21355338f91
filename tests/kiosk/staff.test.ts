import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import type { NoticeSavePayload } from '../../domain/index.ts';
import type { LinliAttentionScreen } from '../../kiosk/screens/attention-screen.ts';
import type { LinliNoticeEditorScreen } from '../../kiosk/screens/notice-editor-screen.ts';
import type { LinliStaffSignInScreen } from '../../kiosk/screens/staff-sign-in-screen.ts';
import type { LinliStaffNoticesScreen } from '../../kiosk/screens/staff-notices-screen.ts';
import { signInStaff, type StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { stationInputToIso, isoToStationInput } from '../../kiosk/staff/station-time.ts';
import { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import type { LinliNumericKeypad } from '../../kiosk/ui/numeric-keypad.ts';
import { cleanupDbs, expectAaaContrast, freshDb, json, NOW, notice, seed, staffMember, testServices, until } from './kiosk-fixtures.ts';

const staff: StaffSession = { staffNo: '1001', name: '王芳', role: 'social-worker' };

function buttons(root: Element, selector: string): HTMLButtonElement[] {
  return [...root.shadowRoot!.querySelectorAll<HTMLButtonElement>(selector)];
}
function keypadKey(keypad: LinliNumericKeypad, label: string): HTMLButtonElement {
  return [...keypad.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button')].find((b) => b.textContent!.trim() === label)!;
}
async function typeOn(keypad: LinliNumericKeypad, digits: string): Promise<void> {
  for (const d of digits) {
    keypadKey(keypad, d).click();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('staff sign-in (offline)', () => {
  afterEach(cleanupDbs);

  it('accepts the right PIN and refuses a wrong one, counting down', async () => {
    const db = freshDb();
    await seed(db, { staff: [await staffMember()] });
    const ok = await signInStaff(db, '1001', '2468013579', NOW);
    expect(ok.ok && ok.staff.name).to.equal('王芳');
    const wrong = await signInStaff(db, '1001', '1357924680', NOW);
    expect(wrong).to.deep.equal({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    const unknown = await signInStaff(db, '9999', '2468013579', NOW);
    expect(unknown.ok).to.equal(false);
    const inactive = freshDb();
    await seed(inactive, { staff: [await staffMember({ active: false })] });
    expect((await signInStaff(inactive, '1001', '2468013579', NOW)).ok).to.equal(false);
  });

  it('locks out after 5 wrong PINs for 15 minutes, even across a reload, even with the right PIN', async () => {
    const db = freshDb();
    await seed(db, { staff: [await staffMember()] });
    for (let i = 0; i < 4; i++) expect((await signInStaff(db, '1001', '0000000000', NOW)).ok).to.equal(false);
    const fifth = await signInStaff(db, '1001', '0000000000', NOW);
    expect(fifth.ok === false && fifth.reason).to.equal('locked');
    db.close();
    const reopened = new KioskDb(db.name);
    const later = new Date(NOW.getTime() + 14 * 60_000);
    const stillLocked = await signInStaff(reopened, '1001', '2468013579', later);
    expect(stillLocked.ok === false && stillLocked.reason).to.equal('locked');
    const after = new Date(NOW.getTime() + 15 * 60_000 + 1);
    const ok = await signInStaff(reopened, '1001', '2468013579', after);
    expect(ok.ok).to.equal(true);
    reopened.close();
  });

  it('signs in on the big keypad: staff number, then a masked 10-digit secret with 已输入 N 位 shown', async () => {
    const db = freshDb();
    await seed(db, { staff: [await staffMember()] });
    const el = await fixture<LinliStaffSignInScreen>(html`<linli-staff-sign-in-screen lang="zh-CN" .db=${db} .now=${() => NOW}></linli-staff-sign-in-screen>`);
    await expectAaaContrast(el);
    let signedIn: StaffSession | null = null;
    el.addEventListener('linli-staff-signed-in', (e) => (signedIn = e.detail.staff));
    const staffNoPad = el.shadowRoot!.querySelector<LinliNumericKeypad>('linli-numeric-keypad')!;
    // The same key twice in quick succession is a double tap (acts once): 1-0, a pause, 0-1.
    await typeOn(staffNoPad, '10');
    await new Promise((r) => setTimeout(r, 400));
    await typeOn(staffNoPad, '01');
    await el.updateComplete;
    expect(el.staffNo).to.equal('1001');
    buttons(el, 'button.next')[0]!.click();
    await el.updateComplete;
    const pinPad = el.shadowRoot!.querySelector<LinliNumericKeypad>('linli-numeric-keypad.pin')!;
    expect(pinPad.masked).to.equal(true);
    await typeOn(pinPad, '1357924680');
    await el.updateComplete;
    expect(pinPad.shadowRoot!.querySelector('.display')!.textContent!.trim()).to.contain('●'.repeat(10));
    expect(pinPad.shadowRoot!.querySelector('.display')!.textContent).not.to.contain('1357924680');
    expect(el.shadowRoot!.querySelector('.typed')!.textContent).to.equal('已输入 10 位，共 10 位');
    expect(el.shadowRoot!.textContent).not.to.contain('1357924680');
    // An eleventh digit is not taken.
    await typeOn(pinPad, '2');
    expect(pinPad.value).to.equal('1357924680');
    await expectAaaContrast(el);
    buttons(el, 'button.sign-in')[0]!.click();
    await until(() => el.message.length > 0, 3000, 'wrong PIN message');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('还可以再试 4 次');
    expect(signedIn).to.equal(null);
    // A pause: the rejected eleventh digit was a 2, and 2 again at once would be a double tap.
    await new Promise((r) => setTimeout(r, 400));
    await typeOn(pinPad, '2468013579');
    await el.updateComplete;
    buttons(el, 'button.sign-in')[0]!.click();
    await until(() => signedIn !== null, 3000, 'signed in');
    expect(signedIn!.staffNo).to.equal('1001');
  });
});

describe('numeric keypad', () => {
  it('a double tap on a key types one digit; keys are at least 64 × 64 px', async () => {
    const el = await fixture<LinliNumericKeypad>(html`<linli-numeric-keypad lang="zh-CN" max-length="4"></linli-numeric-keypad>`);
    const seven = keypadKey(el, '7');
    seven.click();
    seven.click();
    expect(el.value).to.equal('7');
    keypadKey(el, '8').click();
    expect(el.value).to.equal('78');
    for (const key of el.shadowRoot!.querySelectorAll('button')) {
      const r = key.getBoundingClientRect();
      expect(r.width).to.be.at.least(64);
      expect(r.height).to.be.at.least(64);
    }
    await expectAaaContrast(el);
  });
});

describe('station time in the editor', () => {
  it('reads and writes China Standard Time whatever the device zone', () => {
    expect(stationInputToIso('2026-11-23T09:30')).to.equal('2026-11-23T01:30:00.000Z');
    expect(isoToStationInput('2026-11-23T01:30:00.000Z')).to.equal('2026-11-23T09:30');
    expect(stationInputToIso('')).to.equal(null);
  });
});

describe('notice editor', () => {
  afterEach(cleanupDbs);

  async function editor(existing: ReturnType<typeof notice> | null = null) {
    const services = testServices();
    await seed(services.db, { notices: existing ? [existing] : [] });
    const el = await fixture<LinliNoticeEditorScreen>(
      html`<linli-notice-editor-screen lang="zh-CN" .services=${services} .staff=${staff} .notice=${existing}></linli-notice-editor-screen>`,
    );
    return { el, services };
  }
  function setField(el: LinliNoticeEditorScreen, id: string, value: string): void {
    const input = el.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  function chooseBoard(el: LinliNoticeEditorScreen, board: string): void {
    const radio = el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="board"][value="${board}"]`)!;
    radio.click();
  }

  it('shows the domain validation errors next to the fields and stores nothing', async () => {
    const { el, services } = await editor();
    await expectAaaContrast(el);
    setField(el, 'images', 'javascript:alert(1)');
    setField(el, 'expireAt', '2020-01-01T00:00');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.save')!.click();
    await until(() => el.shadowRoot!.querySelector('.summary') !== null, 2000, 'errors');
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('请选择一个栏目');
    expect(text).to.contain('请填写标题');
    expect(text).to.contain('图片地址必须以 http:// 或 https:// 开头');
    expect(text).to.contain('下架时间必须晚于发布时间');
    expect(el.shadowRoot!.querySelector('#title')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#title')!.getAttribute('aria-describedby')).to.equal('title-error');
    expect(await services.outbox.count()).to.equal(0);
    await expectAaaContrast(el);
  });

  it('warns before publishing a full mobile or ID number; going back stores nothing, publishing anyway stores the command', async () => {
    const { el, services } = await editor();
    let saved = 0;
    el.addEventListener('linli-notice-saved', () => saved++);
    chooseBoard(el, '公示栏');
    setField(el, 'title', '低保公示');
    setField(el, 'body', '联系人张先生，电话 138 1234 5678。');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.save')!.click();
    await el.updateComplete;
    const sheet = el.shadowRoot!.querySelector('linli-confirm-sheet')!;
    expect(sheet).not.to.equal(null);
    await sheet.updateComplete;
    expect(sheet.shadowRoot!.textContent).to.contain('仍然发布');
    expect(sheet.shadowRoot!.textContent).to.contain('返回修改');
    expect(el.shadowRoot!.querySelector('.findings mark')!.textContent).to.equal('138 1234 5678');
    await expectAaaContrast(el);

    sheet.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('linli-confirm-sheet')).to.equal(null);
    expect(await services.outbox.count()).to.equal(0);

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.save')!.click();
    await el.updateComplete;
    const again = el.shadowRoot!.querySelector('linli-confirm-sheet')!;
    await again.updateComplete;
    again.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(() => saved === 1, 2000, 'saved');
    const [record] = await services.outbox.pending();
    const payload = record!.command.payload as NoticeSavePayload;
    expect(record!.command.type).to.equal('notice.save');
    expect(record!.command.actor.staffNo).to.equal('1001');
    expect(payload.baseRevision).to.equal(null);
    expect(payload.draft.board).to.equal('公示栏');
    expect(payload.draft.title).to.equal('低保公示');
    // Applied to the local replica at once, marked as waiting to sync.
    const local = await services.db.run((c) => c.get('notices', payload.noticeId));
    expect(local?.title).to.equal('低保公示');
    expect(local?.pendingCommandId).to.equal(record!.command.id);
  });

  it('editing carries the base revision; a double tap on save stores one command', async () => {
    const existing = notice({ id: 'n1', revision: 6, title: '旧标题' });
    const { el, services } = await editor(existing);
    setField(el, 'title', '新标题');
    await el.updateComplete;
    const save = el.shadowRoot!.querySelector<HTMLButtonElement>('button.save')!;
    save.click();
    save.click();
    await until(async () => (await services.outbox.count()) === 1, 2000, 'one command');
    await new Promise((r) => setTimeout(r, 100));
    const pending = await services.outbox.pending();
    expect(pending).to.have.length(1);
    expect((pending[0]!.command.payload as NoticeSavePayload).baseRevision).to.equal(6);
    expect((pending[0]!.command.payload as NoticeSavePayload).noticeId).to.equal('n1');
  });
});

describe('staff notice list and needs-attention', () => {
  afterEach(cleanupDbs);

  it('lists every notice with its state, and taking one down goes through a confirmation sheet', async () => {
    const services = testServices();
    await seed(services.db, {
      notices: [
        notice({ id: 'live', title: '在线的' }),
        notice({ id: 'later', title: '以后的', publishAt: '2026-12-01T00:00:00.000Z' }),
        notice({ id: 'gone', title: '撤下的', retired: true }),
        notice({ id: 'sos', title: '燃气泄漏', emergency: true, updatedAt: '2026-11-22T00:00:00.000Z' }),
      ],
    });
    const el = await fixture<LinliStaffNoticesScreen>(html`<linli-staff-notices-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-staff-notices-screen>`);
    await until(() => el.notices.length === 4, 2000, 'list');
    await el.updateComplete;
    const state = (id: string): string => el.shadowRoot!.querySelector(`li[data-notice-id="${id}"] .chip.state`)!.textContent!.trim();
    expect(state('live')).to.equal('已发布');
    expect(state('later')).to.equal('待发布');
    expect(state('gone')).to.equal('已撤下');
    expect(el.shadowRoot!.querySelector('li')!.dataset.noticeId).to.equal('sos');
    await expectAaaContrast(el);

    el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-notice-id="live"] button.retire')!.click();
    await el.updateComplete;
    const sheet = el.shadowRoot!.querySelector('linli-confirm-sheet')!;
    await sheet.updateComplete;
    expect(sheet.shadowRoot!.textContent).to.contain('确定撤下“在线的”吗');
    await expectAaaContrast(el);
    sheet.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(async () => (await services.outbox.count()) === 1, 2000, 'retire command');
    const [record] = await services.outbox.pending();
    expect((record!.command.payload as NoticeSavePayload).draft.retired).to.equal(true);
    await until(() => el.shadowRoot!.querySelector('li[data-notice-id="live"] .chip.pending') !== null, 2000, '待同步');
    expect(el.shadowRoot!.querySelector('li[data-notice-id="live"] .chip.state')!.textContent!.trim()).to.equal('已撤下');

    // Clearing the emergency is a save with emergency off.
    el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-notice-id="sos"] button.clear-emergency')!.click();
    await el.updateComplete;
    const sheet2 = el.shadowRoot!.querySelector('linli-confirm-sheet')!;
    await sheet2.updateComplete;
    sheet2.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(async () => (await services.outbox.count()) === 2, 2000, 'clear command');
    const last = (await services.outbox.pending())[1]!;
    expect((last.command.payload as NoticeSavePayload).draft.emergency).to.equal(false);
  });

  it('shows a conflict with both versions; 保留我的 re-sends mine based on the server revision', async () => {
    const services = testServices();
    await seed(services.db, { notices: [notice({ id: 'n1', title: '原来的', revision: 2 })] });
    const mine = await saveNotice(services.outbox, 's1', staff, notice({ id: 'n1', revision: 2 }), { ...notice({ id: 'n1', title: '我改的' }) });
    const theirs = notice({ id: 'n1', title: '别人改的', revision: 3 });
    services.server.pushQueue.push(() =>
      json({ outcomes: [{ seq: mine.seq, commandId: mine.id, status: 'conflict', reason: '这条公告已被修改', notice: theirs }], lastSeq: 1 }),
    );
    services.server.pushQueue.push(() => 'network-error');
    await services.engine.syncNow();

    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.items.length === 1, 2000, 'attention item');
    await el.updateComplete;
    const versions = [...el.shadowRoot!.querySelectorAll('.version')].map((v) => v.textContent!);
    expect(versions[0]).to.contain('我的版本').and.to.contain('我改的');
    expect(versions[1]).to.contain('服务站的版本').and.to.contain('别人改的');
    expect(el.shadowRoot!.textContent).to.contain('原因：这条公告已被修改');
    await expectAaaContrast(el);

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.keep-mine')!.click();
    await until(() => el.items.length === 0, 2000, 'resolved');
    const [record] = await services.outbox.pending();
    const payload = record!.command.payload as NoticeSavePayload;
    expect(payload.baseRevision).to.equal(3);
    expect(payload.draft.title).to.equal('我改的');
    expect((await services.db.run((c) => c.get('notices', 'n1')))?.title).to.equal('我改的');
    expect(el.shadowRoot!.textContent).to.contain('没有需要处理的事项');
    await expectAaaContrast(el);
  });

  it('采用服务器的 discards mine and keeps the server copy', async () => {
    const services = testServices();
    await seed(services.db, { notices: [notice({ id: 'n1', title: '原来的', revision: 2 })] });
    const mine = await saveNotice(services.outbox, 's1', staff, notice({ id: 'n1', revision: 2 }), { ...notice({ id: 'n1', title: '我改的' }) });
    services.server.pushQueue.push(() =>
      json({ outcomes: [{ seq: mine.seq, commandId: mine.id, status: 'conflict', reason: '冲突', notice: notice({ id: 'n1', title: '别人改的', revision: 3 }) }], lastSeq: 1 }),
    );
    await services.engine.syncNow();
    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.items.length === 1, 2000, 'attention item');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.take-server')!.click();
    await until(() => el.items.length === 0, 2000, 'resolved');
    expect(await services.outbox.count()).to.equal(0);
    expect((await services.db.run((c) => c.get('notices', 'n1')))?.title).to.equal('别人改的');
  });
});
