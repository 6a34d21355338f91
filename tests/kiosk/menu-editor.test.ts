/**
 * 编辑菜单 (staff, from 今日厨房): copy last week onto the new dates without saving; an edited
 * price and dish queue exactly one menu.save with the revision it was based on; an invalid menu
 * shows each problem by its set and queues nothing (and keeps what was typed); offline the save
 * says 已保存，联网后同步; a stale revision lands on 需要处理; the editor passes axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/meals/define.ts';
import type { PushRequest } from '../../domain/index.ts';
import { copyMenuToWeek, type MenuDraft } from '../../domain/meals.ts';
import type { LinliMealKitchenScreen } from '../../kiosk/meals/kitchen-screen.ts';
import type { LinliMealMenuEditor } from '../../kiosk/meals/menu-editor.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { cleanupDbs, expectAaaContrast, FakeServer, json, seed, testServices, until } from './kiosk-fixtures.ts';
import { seedMeals, weekMenu } from './meals-fixtures.ts';

type Services = ReturnType<typeof testServices>;
const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };
const offline = { isOnline: () => false };

async function kiosk(over: Parameters<typeof testServices>[2] = offline, server = new FakeServer()): Promise<Services> {
  const s = testServices(server, undefined, over);
  await seed(s.db, {});
  await seedMeals(s.db);
  return s;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

async function settle(el: LinliMealMenuEditor): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

async function click(el: LinliMealMenuEditor, selector: string): Promise<void> {
  $(el, selector).click();
  await settle(el);
}

async function type(el: LinliMealMenuEditor, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle(el);
}

async function editor(s: Services): Promise<LinliMealMenuEditor> {
  const el = await fixture<LinliMealMenuEditor>(html`<linli-meal-menu-editor lang="zh-CN" .services=${s} .staff=${STAFF}></linli-meal-menu-editor>`);
  await until(() => el.form.weekStart === '2026-11-23', 3000, 'this week');
  await settle(el);
  return el;
}

/** The lunch of the day shown, set A. */
const LUNCH_A = 'fieldset.meal[data-meal="lunch"] fieldset.set[data-set="A"]';

function plainDraft(): MenuDraft {
  const { weekStart, cutoff, days } = weekMenu();
  return structuredClone({ weekStart, cutoff, days });
}

describe('meals: the weekly menu editor', () => {
  afterEach(cleanupDbs);

  it('opens from 今日厨房 with 编辑菜单 and goes back with 返回', async () => {
    const s = await kiosk();
    const kitchen = await fixture<LinliMealKitchenScreen>(html`<linli-meal-kitchen-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-meal-kitchen-screen>`);
    await kitchen.updateComplete;
    kitchen.shadowRoot!.querySelector<HTMLButtonElement>('button.open-editor')!.click();
    await kitchen.updateComplete;
    const el = kitchen.shadowRoot!.querySelector<LinliMealMenuEditor>('linli-meal-menu-editor')!;
    expect(el).not.to.equal(null);
    await until(() => el.form.weekStart === '2026-11-23', 3000, 'editor');
    await el.updateComplete;
    expect(kitchen.spokenText()).to.contain('编辑菜单');
    kitchen.shadowRoot!.querySelector<HTMLButtonElement>('button.close-editor')!.click();
    await kitchen.updateComplete;
    expect(kitchen.shadowRoot!.querySelector('linli-meal-menu-editor')).to.equal(null);
    expect(kitchen.shadowRoot!.querySelector('h1')!.textContent).to.equal('今日厨房');
  });

  it('复制上周菜单 fills next week with the same meals, sets and dishes on the new dates, and saves nothing yet', async () => {
    const s = await kiosk();
    const el = await editor(s);
    await click(el, 'button.week[data-week="2026-11-30"]');
    await until(() => el.form.weekStart === '2026-11-30', 2000, 'next week');
    await settle(el);
    expect(el.draft().days).to.deep.equal([]);
    await click(el, 'button.copy-last');
    await until(() => el.message !== '', 2000, 'copied');
    await settle(el);
    const expected = copyMenuToWeek(weekMenu(), '2026-11-30');
    expect(el.draft()).to.deep.equal(expected);
    expect(el.draft().days.map((d) => d.date)).to.deep.equal(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    // On screen: Monday 30th, lunch A with its price and dishes, lunch B, and dinner.
    expect($(el, 'section.day-editor').getAttribute('data-date')).to.equal('2026-11-30');
    expect($<HTMLInputElement>(el, `${LUNCH_A} input.price`).value).to.equal('15.00');
    expect([...el.shadowRoot!.querySelectorAll<HTMLInputElement>(`${LUNCH_A} input.dish-name`)].map((i) => i.value)).to.deep.equal(['红烧狮子头', '清炒菠菜']);
    expect($(el, `${LUNCH_A} fieldset.dish[data-dish="0"] button.dish-health[data-value="amber"]`).getAttribute('aria-pressed')).to.equal('true');
    expect($(el, 'fieldset.meal[data-meal="lunch"] fieldset.set[data-set="B"] input.dish-name').getAttribute('class')).to.equal('dish-name');
    expect($(el, 'fieldset.meal[data-meal="dinner"] legend').textContent).to.equal('晚餐');
    expect($(el, '.message').textContent).to.contain('已复制上周菜单');
    expect(await s.outbox.count()).to.equal(0);
  });

  it('an edited price and dish queue exactly one menu.save on the replica revision, with the whole week as draft', async () => {
    const s = await kiosk();
    const el = await editor(s);
    expect($(el, '.state').textContent).to.contain('第 1 版');
    await type(el, `${LUNCH_A} input.price`, '16.5');
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="0"] input.dish-name`, '红烧牛肉');
    await click(el, `${LUNCH_A} fieldset.dish[data-dish="0"] button.dish-tag[data-value="软食"]`);
    await click(el, `${LUNCH_A} fieldset.dish[data-dish="0"] button.dish-health[data-value="red"]`);
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="1"] input.dish-photo`, 'https://img.example/spinach.jpg');
    await click(el, 'button.save');
    await until(() => el.message !== '', 2000, 'saved');
    await settle(el);
    const pending = await s.outbox.pending();
    expect(pending.map((r) => r.command.type)).to.deep.equal(['menu.save']);
    const expected = plainDraft();
    const set = expected.days[0]!.meals[0]!.sets[0]!;
    set.priceFen = 1650;
    set.dishes[0] = { name: '红烧牛肉', photo: null, dietTags: ['低盐', '软食'], healthLabel: 'red' };
    set.dishes[1]!.photo = 'https://img.example/spinach.jpg';
    expect(pending[0]!.command.payload).to.deep.equal({ menuId: 'menu-w48', baseRevision: 1, draft: expected });
    expect(pending[0]!.command.actor).to.deep.equal({ staffNo: '1001' });
    // The replica shows the edit at once, waiting to sync (the revision it will produce).
    const stored = (await s.db.run((c) => c.get('menus', 'menu-w48')))!;
    expect([stored.revision, stored.pendingCommandId, stored.days[0]!.meals[0]!.sets[0]!.priceFen]).to.deep.equal([2, pending[0]!.command.id, 1650]);
    expect($(el, '.state').textContent).to.contain('有修改还没有同步');
    // A second save builds on the pending edit, so the two do not conflict with each other.
    await type(el, 'fieldset.meal[data-meal="lunch"] input.capacity', '45');
    await click(el, 'button.save');
    await until(async () => (await s.outbox.count()) === 2, 2000, 'second');
    expect((await s.outbox.pending())[1]!.command.payload).to.include({ menuId: 'menu-w48', baseRevision: 2 });
  });

  it('an invalid menu shows each problem by its set, queues nothing, and keeps what was typed', async () => {
    const s = await kiosk();
    const el = await editor(s);
    await type(el, `${LUNCH_A} input.price`, '0');
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="0"] input.dish-name`, '  ');
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="1"] input.dish-photo`, 'javascript:alert(1)');
    await click(el, 'button.save');
    expect(await s.outbox.count()).to.equal(0);
    const here = [...el.shadowRoot!.querySelectorAll(`${LUNCH_A} > ul.problems li`)].map((li) => li.textContent);
    expect(here).to.deep.equal([
      '11月23日（周一）午餐 A 套餐的价格要在 0.01 到 100.00 元之间',
      '11月23日（周一）午餐 A 套餐有一道菜没有写菜名',
      '11月23日（周一）午餐 A 套餐“清炒菠菜”的图片地址要以 http:// 或 https:// 或 / 开头',
    ]);
    expect($(el, '.summary').textContent).to.contain('有 3 处要修改，还没有保存');
    expect($(el, 'button.day[data-date="2026-11-23"]').textContent).to.contain('要修改');
    const invalid = [...el.shadowRoot!.querySelectorAll(`${LUNCH_A} input[aria-invalid="true"]`)].map((i) => i.className);
    expect(invalid).to.deep.equal(['price', 'dish-name', 'dish-photo']);
    expect(el.spokenText()).to.contain('有一道菜没有写菜名');
    // Nothing typed is lost, and the replica still holds the published menu.
    expect($<HTMLInputElement>(el, `${LUNCH_A} fieldset.dish[data-dish="1"] input.dish-photo`).value).to.equal('javascript:alert(1)');
    expect($<HTMLInputElement>(el, `${LUNCH_A} input.price`).value).to.equal('0');
    expect((await s.db.run((c) => c.get('menus', 'menu-w48')))!.pendingCommandId).to.equal(undefined);
    // A price that is not a number and a cut-off time that is not a time are named too.
    await type(el, `${LUNCH_A} input.price`, '十五');
    await type(el, 'input.cutoff-time', '5点');
    await click(el, 'button.save');
    expect($<HTMLInputElement>(el, `${LUNCH_A} input.price`).getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, 'input.cutoff-time').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, 'fieldset.cutoff ul.problems').textContent).to.contain('订餐截止时间要写成 17:00 这样的时间');
    expect(await s.outbox.count()).to.equal(0);
    await type(el, 'input.cutoff-time', '17:00');
    // A meal with no way to have it, on another day, takes the editor to that day.
    await type(el, `${LUNCH_A} input.price`, '15');
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="0"] input.dish-name`, '红烧狮子头');
    await type(el, `${LUNCH_A} fieldset.dish[data-dish="1"] input.dish-photo`, '/photos/spinach.jpg');
    await click(el, 'button.day[data-date="2026-11-25"]');
    for (const mode of ['dine-in', 'pick-up', 'delivery']) await click(el, `fieldset.meal[data-meal="lunch"] button.meal-mode[data-value="${mode}"]`);
    await click(el, 'button.day[data-date="2026-11-23"]');
    await click(el, 'button.save');
    expect($(el, 'section.day-editor').getAttribute('data-date')).to.equal('2026-11-25');
    expect($(el, 'fieldset.meal[data-meal="lunch"] > ul.problems').textContent).to.contain('请至少选择一种用餐方式');
    expect(await s.outbox.count()).to.equal(0);
  });

  it('a new week, built day by day and saved offline: 已保存，联网后同步, a new menu with no base revision', async () => {
    const s = await kiosk();
    const el = await editor(s);
    await click(el, 'button.week[data-week="2026-12-07"]');
    await until(() => el.form.weekStart === '2026-12-07', 2000, 'week after next');
    await settle(el);
    expect($(el, '.state').textContent).to.contain('还没有菜单');
    await click(el, 'button.add-meal[data-meal="lunch"]');
    await type(el, 'fieldset.meal[data-meal="lunch"] input.capacity', '30');
    await type(el, `${LUNCH_A} input.price`, '12');
    await type(el, `${LUNCH_A} input.dish-name`, '西红柿炒鸡蛋');
    await click(el, `${LUNCH_A} button.dish-tag[data-value="素食"]`);
    await click(el, 'button.cutoff-kind[data-value="same-day"]');
    await type(el, 'input.cutoff-time', '09:00');
    await click(el, 'button.save');
    await until(() => el.message !== '', 2000, 'saved');
    await settle(el);
    expect(await s.outbox.count()).to.equal(1);
    expect($(el, '.message').textContent).to.equal('已保存，联网后同步。');
    const [record] = await s.outbox.pending();
    const payload = record!.command.payload as { menuId: string; baseRevision: number | null; draft: MenuDraft };
    expect(payload.baseRevision).to.equal(null);
    expect(payload.draft).to.deep.equal({
      weekStart: '2026-12-07',
      cutoff: { kind: 'same-day', time: '09:00' },
      days: [
        {
          date: '2026-12-07',
          meals: [{ meal: 'lunch', capacity: 30, modes: ['dine-in', 'pick-up'], sets: [{ code: 'A', priceFen: 1200, dishes: [{ name: '西红柿炒鸡蛋', photo: null, dietTags: ['素食'], healthLabel: null }], variants: [] }] }],
        },
      ],
    });
    expect((await s.db.run((c) => c.get('menus', payload.menuId)))!.weekStart).to.equal('2026-12-07');
    expect(el.spokenText()).to.contain('已保存，联网后同步');
  });

  it('online: pushed at once; a stale revision comes back as a conflict and lands on 需要处理 with the server copy in the replica', async () => {
    const server = new FakeServer();
    const theirs = weekMenu({ revision: 2, dishName: '糖醋排骨' });
    server.pushQueue.push((r) => {
      const c = (r.body as PushRequest).commands[0]!;
      return json({ outcomes: [{ seq: c.seq, commandId: c.id, status: 'conflict', reason: '这份菜单刚被别人改过了，请比较两个版本，决定保留哪一个', menu: theirs }], lastSeq: c.seq });
    });
    const s = await kiosk({}, server);
    const el = await editor(s);
    await type(el, `${LUNCH_A} input.price`, '18');
    await click(el, 'button.save');
    await until(() => el.message !== '', 2000, 'saved');
    await settle(el);
    expect($(el, '.message').textContent).to.equal('已保存，正在同步。');
    // The app's engine pushes on 'enqueued'; here the engine is not started, so push by hand.
    await s.engine.syncNow();
    await until(async () => (await s.db.run((c) => c.count('attention'))) === 1, 4000, 'attention');
    const [item] = await s.db.run((c) => c.getAll('attention'));
    expect([item!.kind, item!.command.type, item!.reason]).to.deep.equal(['conflict', 'menu.save', '这份菜单刚被别人改过了，请比较两个版本，决定保留哪一个']);
    expect(server.pushes().flatMap((p) => p.commands).map((c) => [c.type, (c.payload as { baseRevision: number }).baseRevision])).to.deep.equal([['menu.save', 1]]);
    const stored = (await s.db.run((c) => c.get('menus', 'menu-w48')))!;
    expect([stored.revision, stored.pendingCommandId, stored.days[0]!.meals[0]!.sets[0]!.dishes[0]!.name]).to.deep.equal([2, undefined, '糖醋排骨']);
    expect(await s.outbox.count()).to.equal(0);
  });

  it('speaks Traditional Chinese and English from the same tables', async () => {
    const s = await kiosk();
    for (const [lang, heading, save, copy] of [['zh-TW', '編輯菜單', '儲存', '複製上週菜單'], ['en', 'Edit menus', 'Save', "Copy last week's menu"]] as const) {
      const el = await fixture<LinliMealMenuEditor>(html`<linli-meal-menu-editor lang=${lang} .services=${s} .staff=${STAFF}></linli-meal-menu-editor>`);
      await until(() => el.form.weekStart === '2026-11-23', 3000, lang);
      await settle(el);
      expect([$(el, 'h1').textContent, $(el, 'button.save').textContent, $(el, 'button.copy-last').textContent]).to.deep.equal([heading, save, copy]);
      el.remove();
    }
  });

  it('dish names with markup stay text, and the editor passes axe (AAA contrast too)', async () => {
    const s = await kiosk();
    const payload = '<img src=x onerror="window.__menuXss=1">红烧肉';
    await seedMeals(s.db, { menus: [weekMenu({ dishName: payload })] });
    const el = await editor(s);
    expect($<HTMLInputElement>(el, `${LUNCH_A} input.dish-name`).value).to.equal(payload);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __menuXss?: number }).__menuXss).to.equal(undefined);
    await expectAaaContrast(el);
    await type(el, `${LUNCH_A} input.price`, '');
    await click(el, 'button.save');
    await expect(el).to.be.accessible();
  });
});
