/**
 * Elder-first rules on every kiosk screen (and its sheets): axe with the AAA contrast rule in both
 * themes at every text size; measured text sizes (≥ 24 px by default, ≥ 36 px at the largest
 * step), targets ≥ 64 × 64 px with ≥ 8 px between them, and no text cut off or reaching past the
 * screen at the largest size in portrait 1080 × 1920 and landscape 1920 × 1080.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { TEXT_SIZES, type KioskTheme } from '../../kiosk/session/kiosk-settings.ts';
import { appButton, measure, openScenario, SCENARIOS, screenEl, kioskApp, seedStation } from './elder-fixtures.ts';
import { cleanupDbs, expectAaaContrast, testServices, until } from './kiosk-fixtures.ts';

const THEMES: KioskTheme[] = ['standard', 'high-contrast'];

describe('kiosk elder-first rules', () => {
  before(async () => {
    await setViewport({ width: 1080, height: 1920 });
  });
  afterEach(async () => {
    await setViewport({ width: 1080, height: 1920 });
    await cleanupDbs();
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: axe with AAA contrast in both themes at every text size`, async function () {
      this.timeout(90_000);
      const { el } = await openScenario(scenario);
      for (const theme of THEMES) {
        for (const textSize of TEXT_SIZES) {
          el.updateSettings({ theme, textSize });
          await el.updateComplete;
          expect(el.dataset.theme).to.equal(theme);
          expect(getComputedStyle(el).fontSize).to.equal(`${[24, 28, 32, 36][textSize]}px`);
          try {
            await expectAaaContrast(el);
          } catch (err) {
            throw new Error(`${scenario}, ${theme}, size ${textSize}: ${(err as Error).message}`, { cause: err });
          }
        }
      }
    });

    it(`${scenario}: text ≥ 24 px, then ≥ 36 px at the largest step; 64 px targets 8 px apart; no overflow in portrait or landscape`, async function () {
      this.timeout(30_000);
      const { el } = await openScenario(scenario);
      let m = measure(el);
      expect(m.smallestText.size, `default text "${m.smallestText.text}"`).to.be.at.least(24);
      for (const [width, height] of [[1080, 1920], [1920, 1080]] as const) {
        await setViewport({ width, height });
        el.updateSettings({ textSize: 3 });
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 50));
        m = measure(el);
        const where = `${scenario} at ${width}×${height}`;
        expect(m.smallestText.size, `${where}: text "${m.smallestText.text}"`).to.be.at.least(36);
        expect(m.smallTargets, `${where}: small targets`).to.deep.equal([]);
        expect(m.crowdedTargets, `${where}: targets closer than 8 px`).to.deep.equal([]);
        expect(m.clippedText, `${where}: clipped text`).to.deep.equal([]);
        expect(m.widerThanScreen, `${where}: past the right edge`).to.deep.equal([]);
        expect(document.documentElement.scrollWidth, `${where}: page scroll width`).to.be.at.most(width);
        expect(el.scrollWidth, `${where}: app scroll width`).to.be.at.most(el.clientWidth);
      }
    });
  }

  it('the footer 字号 control steps 24 → 28 → 32 → 36 px and back; the notice board widget follows the token', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const button = (): HTMLButtonElement => appButton(el, 'footer button.text-size')!;
    expect(button().textContent!.trim()).to.equal('字号：标准');
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    const board = screenEl(el, 'linli-notices-screen').shadowRoot!.querySelector('linli-notice-board')!;
    await until(() => (board.shadowRoot?.textContent ?? '').includes('停水通知'), 3000, 'list');
    const item = (): Element => board.shadowRoot!.querySelector('[part~="item"]')!;
    const sizes: string[] = [];
    for (let i = 0; i < 4; i++) {
      sizes.push(`${getComputedStyle(el).fontSize}/${getComputedStyle(item()).fontSize}/${button().textContent!.trim()}`);
      button().click();
      await el.updateComplete;
    }
    expect(sizes).to.deep.equal(['24px/24px/字号：标准', '28px/28px/字号：大', '32px/32px/字号：较大', '36px/36px/字号：特大']);
    expect(el.settings.textSize).to.equal(0);
  });

  it('high contrast: black surface, white text and yellow buttons reach the widget through the tokens', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    appButton(el, 'footer button.settings')!.click();
    await el.updateComplete;
    const settings = screenEl(el, 'linli-settings-screen');
    await settings.updateComplete;
    settings.shadowRoot!.querySelector<HTMLButtonElement>('.contrast button.on')!.click();
    await el.updateComplete;
    expect(el.settings.theme).to.equal('high-contrast');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(el).color).to.equal('rgb(255, 255, 255)');
    expect(settings.shadowRoot!.querySelector('.contrast button.on')!.getAttribute('aria-pressed')).to.equal('true');
    el.goHome();
    await el.updateComplete;
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    const board = screenEl(el, 'linli-notices-screen').shadowRoot!.querySelector('linli-notice-board')!;
    await until(() => (board.shadowRoot?.textContent ?? '').includes('停水通知'), 3000, 'list');
    expect(getComputedStyle(board).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(board.shadowRoot!.querySelector('[part~="item"]')!).color).to.equal('rgb(255, 255, 255)');
    await expectAaaContrast(el);
  });

  it('a disabled button is readable: body-coloured text on the surface, dashed border (not dark on dark blue)', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await el.updateComplete;
    const next = screenEl(el, 'linli-staff-sign-in-screen').shadowRoot!.querySelector<HTMLButtonElement>('button.primary.next')!;
    expect(next.disabled).to.equal(true);
    const style = getComputedStyle(next);
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.color).to.equal('rgb(71, 71, 71)');
    expect(style.borderTopStyle).to.equal('dashed');
    const back = appButton(el, 'header button.back')!;
    expect(back.disabled).to.equal(false);
    el.goHome();
    await el.updateComplete;
    expect(appButton(el, 'header button.back')!.disabled).to.equal(true);
    expect(getComputedStyle(appButton(el, 'header button.back')!).color).to.equal('rgb(71, 71, 71)');
  });

  it('settings: language switch 中文简体 / 繁體中文 / English changes every string on screen', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    appButton(el, 'footer button.settings')!.click();
    await el.updateComplete;
    const settings = screenEl(el, 'linli-settings-screen');
    await settings.updateComplete;
    const labels = [...settings.shadowRoot!.querySelectorAll('.language button')].map((b) => [b.textContent!.trim(), b.getAttribute('lang')]);
    expect(labels).to.deep.equal([['中文简体', 'zh-CN'], ['繁體中文', 'zh-TW'], ['English', 'en']]);
    settings.shadowRoot!.querySelector<HTMLButtonElement>('.language button[data-locale="zh-TW"]')!.click();
    await el.updateComplete;
    await settings.updateComplete;
    expect(el.getAttribute('lang')).to.equal('zh-TW');
    expect(settings.shadowRoot!.querySelector('h1')!.textContent).to.equal('設定');
    expect(appButton(el, 'header button.home')!.textContent!.trim()).to.equal('首頁');
    settings.shadowRoot!.querySelector<HTMLButtonElement>('.language button[data-locale="en"]')!.click();
    await el.updateComplete;
    await settings.updateComplete;
    expect(appButton(el, 'header button.home')!.textContent!.trim()).to.equal('Home');
    expect(appButton(el, 'footer button.text-size')!.textContent!.trim()).to.equal('Text: Normal');
    await expectAaaContrast(el);
  });

  it('confirmations are full-width sheets along the bottom with big 确认 / 取消, and the rest is inert', async () => {
    const { el } = await openScenario('staff-notices');
    const list = screenEl(el, 'linli-staff-notices-screen');
    list.shadowRoot!.querySelector<HTMLButtonElement>('button.retire')!.click();
    await list.updateComplete;
    const sheet = list.shadowRoot!.querySelector('linli-confirm-sheet')!;
    await (sheet as unknown as { updateComplete: Promise<void> }).updateComplete;
    const r = sheet.getBoundingClientRect();
    expect(r.left).to.equal(0);
    expect(Math.round(r.width)).to.equal(document.documentElement.clientWidth);
    expect(Math.round(r.bottom)).to.equal(window.innerHeight);
    const buttons = [...sheet.shadowRoot!.querySelectorAll('button')].map((b) => [b.textContent!.trim(), b.getBoundingClientRect().height >= 88]);
    expect(buttons).to.deep.equal([['确认', true], ['取消', true]]);
    expect(sheet.shadowRoot!.querySelector('[role="alertdialog"]')).not.to.equal(null);
    expect(list.shadowRoot!.querySelector('div[inert]')).not.to.equal(null);
    await expectAaaContrast(el);
  });
});
