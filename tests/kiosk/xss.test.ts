/**
 * Hostile notices in the kiosk. Each payload (tests/xss-payloads.ts: every one sets
 * window.__xss if it ever runs) goes into a notice's title, body and image URLs in the kiosk's
 * IndexedDB replica, into a conflict on the "needs attention" list (both versions and the
 * server's reason), and later arrives again through the fake server's pull as an emergency.
 * Every place the kiosk shows a notice is rendered — notices list and detail, attract loop,
 * emergency screen, staff list (with its take-down confirmation), editor, needs attention and
 * the A4 poster — and after each one (and a short wait for lazy chunks and image loads) the flag
 * is unset and the DOM, shadow roots included, holds no script-capable element, no on*
 * attribute and no javascript:/vbscript:/data:text/html URL.
 *
 * The volunteer screens the same way: each payload as an activity's title, description, place and
 * requirements and as the reason of a refused sign-up, through the 志愿服务 list, the overlap sheet,
 * the 登记成功 outcome, 我的 and the staff attendance list.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import type { Notice } from '../../domain/index.ts';
import type { LinliKioskApp } from '../../kiosk/kiosk-app.ts';
import type { LinliNoticePoster } from '../../kiosk/poster/notice-poster.ts';
import type { LinliAttentionScreen } from '../../kiosk/screens/attention-screen.ts';
import type { LinliNoticeEditorScreen } from '../../kiosk/screens/notice-editor-screen.ts';
import { draftOf, saveNotice } from '../../kiosk/staff/notice-commands.ts';
import '../../kiosk/volunteer/define.ts';
import type { LinliMineScreen } from '../../kiosk/residents/mine-screen.ts';
import type { LinliVolunteerAttendanceScreen } from '../../kiosk/volunteer/attendance-screen.ts';
import type { LinliVolunteerScreen } from '../../kiosk/volunteer/volunteer-screen.ts';
import { zhangSession } from './elder-fixtures.ts';
import { seedResidents } from './residents-fixtures.ts';
import { ACTIVITIES, SIGN_UPS, seedVolunteer, signUp } from './volunteer-fixtures.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { BAD_IMAGE_URLS, PAYLOADS } from '../xss-payloads.ts';
import { cleanupDbs, json, NOW, notice, pullPage, seed, testServices, until } from './kiosk-fixtures.ts';

type Services = ReturnType<typeof testServices>;

const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };

/** Elements that can run or load script, or re-point the document; none belongs in a kiosk screen. */
const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'base', 'meta', 'link', 'style',
  'noscript', 'template', 'foreignobject', 'animate', 'set', 'handler', 'listener',
]);
/** Attributes that hold a URL the browser may load or navigate to. */
const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster', 'cite', 'ping', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'manifest', 'icon']);

/** What the browser reads as the URL's start: control characters and whitespace dropped, lower case. */
function urlStart(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f).join('').toLowerCase();
}

/** Every element from `root` down, crossing into (open) shadow roots. */
function allElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    if (node instanceof Element) {
      out.push(node);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

/** Everything unsafe under `root` (empty when clean). */
function unsafeIn(root: Element | ShadowRoot): string[] {
  const problems: string[] = [];
  for (const el of allElements(root)) {
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`<${tag}> element`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const where = `${name}="${attr.value.slice(0, 60)}" on <${tag}>`;
      if (name.startsWith('on')) problems.push(`event handler ${where}`);
      if (name === 'srcdoc') problems.push(`srcdoc ${where}`);
      const start = urlStart(attr.value);
      // Any attribute at all: a script URL is never a legitimate value in these screens.
      if (/^(javascript|vbscript|livescript):/.test(start) || /^data:(text\/html|application\/xhtml|text\/xml|image\/svg)/.test(start)) problems.push(`script URL ${where}`);
      // URL attributes: no data: URL except plain raster images.
      else if (URL_ATTRS.has(name) && start.startsWith('data:') && !/^data:image\/(png|jpe?g|gif|webp|avif)[;,]/.test(start)) problems.push(`data URL ${where}`);
      if (name === 'style' && /(javascript|vbscript):|expression\(|@import|url\(/.test(start)) problems.push(`style ${where}`);
    }
  }
  return problems;
}

function expectClean(root: Element | ShadowRoot | null | undefined, where: string): void {
  if (!root) throw new Error(`${where}: nothing rendered`);
  const problems = unsafeIn(root);
  expect(problems, `${where}: ${problems.join('; ')}`).to.deep.equal([]);
  expect(window.__xss, `payload ran (${where})`).to.equal(undefined);
}

/** Let lazy chunks (marked, the sanitizer, QR code) arrive and images load or fail. */
async function settle(ms = 60): Promise<void> {
  await aTimeout(ms);
}

function shadow(el: Element | null | undefined): ShadowRoot {
  if (!el?.shadowRoot) throw new Error(`no shadow root: ${el ? el.localName : 'element missing'}`);
  return el.shadowRoot;
}

function screenEl<T extends Element = HTMLElement>(app: LinliKioskApp, tag: string): T | null {
  return app.shadowRoot!.querySelector<T>(`main ${tag}`);
}

async function tap(button: HTMLElement | null | undefined, what: string): Promise<void> {
  if (!button) throw new Error(`no button: ${what}`);
  button.click();
  await aTimeout(0);
}

/** The hostile notice: the payload in the title, in the Markdown body and among the image URLs. */
function hostile(id: string, payload: string, over: Partial<Notice> = {}): Notice {
  return notice({
    id,
    title: payload,
    body: `正文\n\n${payload}\n\n结尾`,
    // A safe image too, so the detail renders an <img> whose alt text carries the title.
    images: [payload, ...BAD_IMAGE_URLS, 'https://img.example/ok.png'],
    ...over,
  });
}

/** A staff edit that conflicts on push: the payload in both versions and in the server's reason. */
async function conflictOn(services: Services, base: Notice, payload: string): Promise<void> {
  const mine = await saveNotice(services.outbox, 's1', STAFF, base, { ...draftOf(base), title: payload, body: `我的版本\n\n${payload}\n\n结尾` });
  const theirs = { ...base, revision: base.revision + 1, body: `服务站的版本\n\n${payload}\n\n结尾` };
  services.server.pushQueue.push(() => json({ outcomes: [{ seq: mine.seq, commandId: mine.id, status: 'conflict', reason: payload, notice: theirs }], lastSeq: mine.seq }));
  await services.engine.syncNow();
  const items = await services.db.run((db) => db.getAll('attention'));
  expect(items.map((i) => i.kind)).to.deep.equal(['conflict']);
}

async function mountApp(services: Services): Promise<LinliKioskApp> {
  const el = await fixture<LinliKioskApp>(
    html`<linli-kiosk-app lang="zh-CN" .services=${services} idle-ms="600000" tap-guard-ms="0" attract-interval-ms="600000"></linli-kiosk-app>`,
  );
  await until(() => el.ready, 3000, 'app ready');
  await el.updateComplete;
  return el;
}

/** Wait until a sanitized Markdown body has been rendered into `root`'s `.body` (selector). */
async function bodyRendered(root: ShadowRoot, selector: string, what: string): Promise<void> {
  await until(() => (root.querySelector(selector)?.textContent ?? '').includes('结尾'), 3000, what);
}

beforeEach(() => {
  delete window.__xss;
});

afterEach(async () => {
  document.body.querySelectorAll('linli-notice-poster').forEach((p) => p.remove());
  await cleanupDbs();
});

describe('XSS: the kiosk never runs script from a notice', () => {
  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1} on every kiosk screen: ${payload.slice(0, 48)}`, async function () {
      this.timeout(20_000);
      const services = testServices();
      const id = `x${i}`;
      await seed(services.db, { notices: [hostile(id, payload, { revision: 2 })] });
      await conflictOn(services, hostile(id, payload, { revision: 2 }), payload);
      const app = await mountApp(services);
      expectClean(app, 'home');

      // Notices screen: the list, then the detail (lazy chunk, Markdown, images, QR code).
      await tap(shadow(screenEl(app, 'linli-home-screen')).querySelector<HTMLElement>('.tile'), '公告 tile');
      await app.updateComplete;
      const board = shadow(screenEl(app, 'linli-notices-screen')).querySelector('linli-notice-board')!;
      await until(() => board.shadowRoot?.querySelector('[part~="item"]') != null, 3000, 'notice rows');
      expect(board.shadowRoot!.querySelector('[part~="item"] [part~="title"]')!.textContent).to.include(payload);
      await settle();
      expectClean(app, 'notices list');
      await tap(board.shadowRoot!.querySelector<HTMLElement>('[part~="item"]'), 'notice row');
      await until(() => board.shadowRoot!.querySelector('.detail h2') !== null, 5000, 'detail');
      await bodyRendered(board.shadowRoot!, '.detail .body', 'detail body');
      await until(() => board.shadowRoot!.querySelector('.qr svg') !== null, 3000, 'QR code');
      expect(board.shadowRoot!.querySelector('.detail h2')!.textContent).to.include(payload);
      await settle(120);
      expectClean(app, 'notice detail');

      // Attract loop (what the idle timer switches to).
      app.screen = 'attract';
      await app.updateComplete;
      const attract = shadow(screenEl(app, 'linli-attract-screen'));
      expect(attract.querySelector('h1')!.textContent).to.equal(payload);
      await bodyRendered(attract, '.body', 'attract body');
      await settle();
      expectClean(app, 'attract loop');

      // Staff mode: the list, the take-down confirmation, the editor, needs attention, the poster.
      app.staff = STAFF;
      app.goHome();
      await app.updateComplete;
      const staffList = (): ShadowRoot => shadow(screenEl(app, 'linli-staff-notices-screen'));
      await until(() => staffList().querySelector('li h2') !== null, 3000, 'staff list');
      expect(staffList().querySelector('li h2')!.textContent).to.equal(payload);
      await settle();
      expectClean(app, 'staff list');
      await tap(staffList().querySelector<HTMLElement>('button.retire'), 'retire');
      await until(() => staffList().querySelector('linli-confirm-sheet')?.shadowRoot?.textContent?.includes(payload.slice(0, 8)) ?? false, 3000, 'confirm sheet');
      expectClean(app, 'take-down confirmation');
      await tap(staffList().querySelector('linli-confirm-sheet')!.shadowRoot!.querySelector<HTMLElement>('button.cancel'), 'cancel');

      await tap(staffList().querySelector<HTMLElement>('button.edit'), 'edit');
      await app.updateComplete;
      const editor = screenEl<LinliNoticeEditorScreen>(app, 'linli-notice-editor-screen')!;
      await editor.updateComplete;
      expect(shadow(editor).querySelector<HTMLInputElement>('#title')!.value).to.equal(payload.replace(/[\r\n]/g, ''));
      expect(shadow(editor).querySelector<HTMLTextAreaElement>('#images')!.value).to.include('javascript:');
      await settle();
      expectClean(app, 'notice editor');
      app.back();
      await app.updateComplete;

      await until(() => staffList().querySelector('button.attention') !== null, 3000, 'staff list again');
      await tap(staffList().querySelector<HTMLElement>('button.attention'), 'needs attention');
      await app.updateComplete;
      const attention = screenEl<LinliAttentionScreen>(app, 'linli-attention-screen')!;
      await until(() => attention.items.length === 1, 3000, 'attention item');
      await attention.updateComplete;
      const versions = [...shadow(attention).querySelectorAll('.version')].map((v) => v.textContent ?? '');
      expect(versions).to.have.length(2);
      for (const v of versions) expect(v).to.include(payload);
      await settle();
      expectClean(app, 'needs attention');
      app.back();
      await app.updateComplete;

      // Printing: the poster goes under <body> while the print dialog is open.
      let printed: { problems: string[]; text: string } | null = null;
      services.print = () => {
        const poster = document.body.querySelector('linli-notice-poster');
        printed = { problems: poster ? unsafeIn(poster) : ['no poster'], text: poster?.shadowRoot?.textContent ?? '' };
      };
      await until(() => staffList().querySelector('button.print') !== null, 3000, 'print button');
      await tap(staffList().querySelector<HTMLElement>('button.print'), 'print');
      await until(() => printed !== null, 5000, 'printed');
      expect(printed!.problems, 'printed poster').to.deep.equal([]);
      expect(printed!.text).to.include(payload).and.to.include('结尾');
      // The same poster kept on screen, so its images get their chance to load or fail.
      const preview = document.createElement('linli-notice-poster') as LinliNoticePoster;
      preview.preview = true;
      preview.notice = hostile(id, payload);
      preview.stationName = payload;
      preview.url = `https://station.example/demo/notice.html?id=${encodeURIComponent(payload)}`;
      document.body.append(preview);
      await preview.ready;
      await settle(120);
      expectClean(preview, 'poster');
      preview.remove();

      // Emergency: the payload notice arrives through a pull marked as an emergency.
      app.signOutStaff();
      await app.updateComplete;
      services.server.pullQueue.push(() =>
        pullPage([{ seq: 50, entity: 'notice', op: 'put', id, data: hostile(id, payload, { revision: 4, emergency: true, board: '安全提示', pinned: true }) }], 50),
      );
      await services.engine.syncNow();
      await until(() => screenEl(app, 'linli-emergency-screen') !== null, 3000, 'emergency screen');
      const emergency = shadow(screenEl(app, 'linli-emergency-screen'));
      await until(() => emergency.querySelector('h1') !== null, 3000, 'emergency title');
      expect(emergency.querySelector('h1')!.textContent).to.equal(payload);
      await bodyRendered(emergency, '.body', 'emergency body');
      await settle();
      expectClean(app, 'emergency screen');

      await settle(200);
      expectClean(app, 'the whole kiosk at the end');
      expect(window.__xss).to.equal(undefined);
    });
  });

  it('the checker catches unsafe DOM deep in the kiosk (so the tests above can fail)', async () => {
    const services = testServices();
    await seed(services.db, { notices: [notice({ id: 'safe', title: '停水通知', images: ['https://img.example/ok.png'] })] });
    const app = await mountApp(services);
    await tap(shadow(screenEl(app, 'linli-home-screen')).querySelector<HTMLElement>('.tile'), '公告 tile');
    await app.updateComplete;
    const board = shadow(screenEl(app, 'linli-notices-screen')).querySelector('linli-notice-board')!;
    await until(() => board.shadowRoot?.querySelector('[part~="item"]') != null, 3000, 'notice rows');
    expect(unsafeIn(app)).to.deep.equal([]);

    // Two shadow roots down (app → notices screen → notice board): an inline handler on a row.
    const row = board.shadowRoot!.querySelector<HTMLElement>('[part~="item"]')!;
    row.setAttribute('onclick', 'window.__xss=1');
    expect(unsafeIn(app)).to.deep.equal(['event handler onclick="window.__xss=1" on <button>']);
    expect(() => expectClean(app, 'self-check')).to.throw(/onclick/);
    row.removeAttribute('onclick');

    const a = document.createElement('a');
    a.setAttribute('href', ' java\tscript:void 0');
    row.append(a);
    expect(unsafeIn(app)).to.have.length(1);
    a.setAttribute('href', 'data:text/html,<p>x</p>');
    expect(unsafeIn(app)).to.have.length(1);
    a.remove();
    const script = document.createElement('script');
    row.append(script);
    expect(unsafeIn(app)).to.deep.equal(['<script> element']);
    script.remove();
    expect(unsafeIn(app)).to.deep.equal([]);

    // And the flag check: a payload that did run is noticed.
    window.__xss = 1;
    expect(() => expectClean(app, 'self-check')).to.throw(/payload ran/);
    delete window.__xss;
  });
});

describe('XSS: the volunteer screens never run script from an activity or a reason', () => {
  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1}: ${payload.slice(0, 40)}`, async function () {
      this.timeout(20_000);
      const s = testServices(undefined, undefined, { isOnline: () => false });
      await seed(s.db, {});
      await seedResidents(s.db);
      // 防诈骗宣讲 (hers) and 老电影放映 (overlapping it) carry the payload; 夜间安全巡逻 refused her with it.
      const hostileActivity = (a: (typeof ACTIVITIES)[number]) => ({ ...a, title: payload.slice(0, 60), description: payload, place: payload.slice(0, 60), requirements: payload });
      await seedVolunteer(s.db, {
        activities: ACTIVITIES.map((a) => (a.id === 'act-talk' || a.id === 'act-film' ? hostileActivity(a) : a)),
        signUps: [...SIGN_UPS, signUp({ id: 'su-patrol-zhang', activityId: 'act-patrol', residentId: 'r-zhang', status: 'refused', refusal: 'too-old', reason: payload })],
      });
      const session = await zhangSession(NOW);
      const list = await fixture<LinliVolunteerScreen>(html`<linli-volunteer-screen lang="zh-CN" .services=${s} .session=${session}></linli-volunteer-screen>`);
      await until(() => (list.shadowRoot?.querySelectorAll('ul.activities > li').length ?? 0) === 6, 2000, 'list');
      await settle();
      expectClean(list, '志愿服务 list');
      expect(list.shadowRoot!.querySelector('li[data-activity="act-film"] .name')!.textContent).to.equal(payload.slice(0, 60));
      await tap(list.shadowRoot!.querySelector<HTMLElement>('li[data-activity="act-film"] button.sign-up'), '报名');
      await until(() => list.sheet === 'sign-up', 2000, 'overlap sheet');
      await list.updateComplete;
      await settle();
      expectClean(list, 'overlap sheet');
      list.shadowRoot!.querySelector('linli-confirm-sheet')!.dispatchEvent(new CustomEvent('linli-confirm'));
      await until(() => list.step === 'provisional', 2000, 'provisional');
      await list.updateComplete;
      expectClean(list, '登记成功，联网后确认');

      const mine = await fixture<LinliMineScreen>(html`<linli-mine-screen lang="zh-CN" .services=${s} .session=${session}></linli-mine-screen>`);
      const section = (): ShadowRoot | null | undefined => mine.shadowRoot?.querySelector('linli-mine-volunteer')?.shadowRoot;
      await until(() => (section()?.querySelectorAll('li').length ?? 0) === 4, 2000, '我的');
      await settle();
      expectClean(mine, '我的');
      expect(section()!.querySelector('li[data-sign-up="su-patrol-zhang"] .reason')!.textContent).to.equal(`原因：${payload}`);

      const staff = await fixture<LinliVolunteerAttendanceScreen>(
        html`<linli-volunteer-attendance-screen lang="zh-CN" .services=${s} .staff=${STAFF} activity-id="act-drill"></linli-volunteer-attendance-screen>`,
      );
      await until(() => (staff.shadowRoot?.querySelectorAll('ol.people li').length ?? 0) === 3, 2000, 'attendance');
      await settle();
      expectClean(staff, '志愿签到签退');
    });
  });
});
