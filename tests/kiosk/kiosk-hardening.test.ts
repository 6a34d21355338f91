/**
 * Kiosk hardening: no context menu, no zoom gestures or keys, no text selection on controls (notice
 * text stays selectable), no link or window.open() out of the app (a link in a notice becomes a QR
 * code sheet), and the browser's back stays inside the app.
 */
import { expect } from '@open-wc/testing';
import { leavesApp } from '../../kiosk/ui/kiosk-lockdown.ts';
import { appButton, kioskApp, openNotice, screenEl, seedStation } from './elder-fixtures.ts';
import { cleanupDbs, expectAaaContrast, testServices, until } from './kiosk-fixtures.ts';

describe('kiosk hardening', () => {
  afterEach(async () => {
    await cleanupDbs();
  });

  it('prevents the context menu anywhere (a long press on a touch screen opens one)', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const tile = screenEl(el, 'linli-home-screen').shadowRoot!.querySelector('.tile')!;
    for (const target of [tile, document.body, el.shadowRoot!.querySelector('header .phone')!]) {
      const event = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true });
      target.dispatchEvent(event);
      expect(event.defaultPrevented, target.localName).to.equal(true);
    }
    el.remove();
    const after = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true });
    document.body.dispatchEvent(after);
    expect(after.defaultPrevented, 'nothing left behind once the app is gone').to.equal(false);
  });

  it('no zoom: touch-action on the app, ctrl+wheel and ctrl +/−/0 prevented, a two-finger move prevented', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    expect(getComputedStyle(el).touchAction).to.equal('pan-x pan-y');
    const wheel = new WheelEvent('wheel', { ctrlKey: true, deltaY: -100, bubbles: true, cancelable: true, composed: true });
    el.dispatchEvent(wheel);
    expect(wheel.defaultPrevented).to.equal(true);
    const plainWheel = new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true, composed: true });
    el.dispatchEvent(plainWheel);
    expect(plainWheel.defaultPrevented, 'scrolling still works').to.equal(false);
    for (const key of ['+', '-', '0', '=']) {
      const k = new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, cancelable: true, composed: true });
      el.dispatchEvent(k);
      expect(k.defaultPrevented, key).to.equal(true);
    }
    const touch = (n: number): TouchEvent => {
      const touches = Array.from({ length: n }, (_, i) => new Touch({ identifier: i, target: el, clientX: 100 + i * 50, clientY: 100 }));
      return new TouchEvent('touchmove', { touches, bubbles: true, cancelable: true, composed: true });
    };
    const pinch = touch(2);
    el.dispatchEvent(pinch);
    expect(pinch.defaultPrevented).to.equal(true);
    const pan = touch(1);
    el.dispatchEvent(pan);
    expect(pan.defaultPrevented).to.equal(false);
  });

  it('controls are not selectable; notice text is', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    expect(getComputedStyle(appButton(el, 'header button.home')!).userSelect).to.equal('none');
    expect(getComputedStyle(appButton(el, 'footer button.text-size')!).userSelect).to.equal('none');
    const root = await openNotice(el, 'a');
    expect(getComputedStyle(root.querySelector('[part~="item"]') ?? root.querySelector('.detail .back')!).userSelect).to.equal('none');
    const paragraph = root.querySelector('[part~="body"] p')!;
    expect(getComputedStyle(paragraph).userSelect).to.not.equal('none');
    const selection = getSelection()!;
    selection.selectAllChildren(paragraph);
    expect(selection.toString()).to.contain('停水');
    selection.removeAllRanges();
  });

  it('a link in a notice does not navigate: the kiosk shows it as a QR code in a sheet', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const root = await openNotice(el, 'c');
    const link = root.querySelector<HTMLAnchorElement>('[part~="body"] a')!;
    expect(link.href).to.equal('https://www.example.gov.cn/notice/1');
    const href = location.href;
    let preventedBeforeUs: boolean | null = null;
    // A safety net after the app's own handler, so a failing test cannot take the test page away.
    const net = (e: Event): void => {
      preventedBeforeUs = e.defaultPrevented;
      e.preventDefault();
    };
    window.addEventListener('click', net);
    try {
      link.click();
    } finally {
      window.removeEventListener('click', net);
    }
    expect(preventedBeforeUs).to.equal(true);
    expect(location.href).to.equal(href);
    await until(() => el.externalLink === 'https://www.example.gov.cn/notice/1', 2000, 'link sheet');
    await el.updateComplete;
    const sheet = el.shadowRoot!.querySelector('linli-confirm-sheet.external-link')!;
    await until(() => sheet.querySelector('.qr svg') !== null, 3000, 'QR code');
    expect(sheet.querySelector('.qr svg')!.getAttribute('aria-label')).to.equal('扫码在手机上查看');
    expect(el.atRest).to.equal(false);
    await expectAaaContrast(el);
    sheet.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await el.updateComplete;
    expect(el.externalLink).to.equal(null);
    expect(el.shadowRoot!.querySelector('linli-confirm-sheet')).to.equal(null);
  });

  it('window.open() is refused; middle clicks and new-window links are prevented', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    expect(window.open('https://www.example.com/', '_blank')).to.equal(null);
    const root = await openNotice(el, 'c');
    const link = root.querySelector<HTMLAnchorElement>('[part~="body"] a')!;
    const aux = new MouseEvent('auxclick', { button: 1, bubbles: true, composed: true, cancelable: true });
    link.dispatchEvent(aux);
    expect(aux.defaultPrevented).to.equal(true);
    el.remove();
    expect(window.open).to.not.equal(null);
    expect(String(window.open)).to.contain('native code');
  });

  it('index.html: edge to edge, and zoom is not taken away by the viewport meta (the lockdown and touch-action stop pinching)', async () => {
    const page = new DOMParser().parseFromString(await (await fetch('/kiosk/index.html')).text(), 'text/html');
    expect(page.querySelector('meta[name="viewport"]')!.getAttribute('content')).to.equal(
      'width=device-width, initial-scale=1, viewport-fit=cover',
    );
  });

  it('which links leave the app', () => {
    const here = new URL('https://kiosk.example/kiosk/?api=x');
    expect(leavesApp('https://elsewhere.example/', '', here)).to.equal(true);
    expect(leavesApp('/kiosk/other', '', here)).to.equal(true);
    expect(leavesApp('mailto:a@b.c', '', here)).to.equal(true);
    expect(leavesApp('#part-2', '', here)).to.equal(false);
    expect(leavesApp('#part-2', '_blank', here)).to.equal(true);
    expect(leavesApp('https://kiosk.example/kiosk/?api=x', '', here)).to.equal(true);
  });

  it('the browser back (gesture, key, mouse button) is the app’s 返回 and never leaves the app', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    const href = location.href;
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    expect(el.screen).to.equal('notices');
    const popped = new Promise((r) => window.addEventListener('popstate', r, { once: true }));
    history.back();
    await popped;
    await el.updateComplete;
    expect(el.screen).to.equal('home');
    expect(location.href).to.equal(href);
    // Again, at home: still here.
    const again = new Promise((r) => window.addEventListener('popstate', r, { once: true }));
    history.back();
    await again;
    await new Promise((r) => setTimeout(r, 50));
    expect(location.href).to.equal(href);
    expect(el.isConnected).to.equal(true);
  });
});
