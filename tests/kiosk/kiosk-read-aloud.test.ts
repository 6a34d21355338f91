/**
 * Read-aloud at the kiosk against a stubbed window.speechSynthesis: 读给我听 speaks each screen's
 * spoken form exactly; stop and 再读一遍; errors spoken automatically when 朗读 is on; the voice
 * follows the language; hidden without a matching voice and back on voiceschanged; the volume
 * setting and its reset; and a spy over a scripted walk through the screens: no phone number, no
 * digits typed on a keypad, no resident's or staff member's name ever reaches speak().
 */
import { expect } from '@open-wc/testing';
import type { LinliKioskApp } from '../../kiosk/kiosk-app.ts';
import type { ResidentSession } from '../../kiosk/session/resident-session.ts';
import { appButton, FakeSynth, installSpeech, kioskApp, openNotice, openScenario, restoreSpeech, screenEl, seedStation, voice } from './elder-fixtures.ts';
import { cleanupDbs, testServices, until } from './kiosk-fixtures.ts';

let synth: FakeSynth;

/** Let any automatic speech (朗读 on) start and finish, then press 读给我听 and return what it said. */
async function read(el: LinliKioskApp): Promise<string> {
  await new Promise((r) => setTimeout(r, 30));
  synth.finish();
  await until(() => !el.speaking, 2000, 'quiet');
  await el.updateComplete;
  const before = synth.said.length;
  appButton(el, 'footer button.read')!.click();
  await until(() => synth.said.length > before, 2000, 'speech');
  const text = synth.last!.text;
  synth.finish();
  await until(() => !el.speaking, 2000, 'speech ended');
  await el.updateComplete;
  return text;
}

async function press(keypad: Element, digits: string): Promise<void> {
  let last = '';
  for (const d of digits) {
    // The keypad's own double-tap guard swallows the same key twice within 350 ms.
    if (d === last) await new Promise((r) => setTimeout(r, 400));
    last = d;
    [...keypad.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button')].find((b) => b.textContent!.trim() === d)!.click();
    await (keypad as unknown as { updateComplete: Promise<void> }).updateComplete;
  }
}

describe('kiosk read-aloud', () => {
  beforeEach(() => {
    synth = installSpeech([voice('zh-CN', 'Tingting'), voice('zh-TW', 'Meijia')]);
  });
  afterEach(async () => {
    restoreSpeech();
    await cleanupDbs();
  });

  it('读给我听 speaks the exact spoken form of the screen, in the zh-CN voice at the session volume', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    expect(await read(el)).to.equal('您好，请选择要办的事。点一下大按钮就可以。公告。社区通知、物业、公示、活动。现有 3 条。志愿服务。看志愿活动、报名、签到。登录。用手机号和密码，或刷居民卡。');
    expect(synth.last!.lang).to.equal('zh-CN');
    expect(synth.last!.volume).to.equal(0.8);
    screenEl(el, 'linli-home-screen').shadowRoot!.querySelector<HTMLButtonElement>('.tile')!.click();
    await el.updateComplete;
    const board = screenEl(el, 'linli-notices-screen').shadowRoot!.querySelector('linli-notice-board')!;
    await until(() => (board.shadowRoot?.textContent ?? '').includes('区里的通知'), 3000, 'list');
    expect(await read(el)).to.equal('公告。现在看的是：全部。停水通知。低保公示。区里的通知。');
    await openNotice(el, 'a');
    expect(await read(el)).to.equal('正在看公告。停水通知。周三上午 9 点到 12 点停水。');
    board.shadowRoot!.querySelector<HTMLButtonElement>('.detail .back')!.click();
    await until(() => !board.shadowRoot!.querySelector('[part~="detail"]'), 2000, 'list again');
    screenEl(el, 'linli-notices-screen').shadowRoot!.querySelector<HTMLButtonElement>('button[data-board="公示栏"]')!.click();
    await until(() => !(board.shadowRoot?.textContent ?? '').includes('停水通知'), 3000, 'filtered');
    expect(await read(el)).to.equal('公告。现在看的是：公示栏。低保公示。');
  });

  it('every screen and sheet has a spoken form', async function () {
    this.timeout(60_000);
    const expected: Record<string, string> = {
      pairing: '连接服务站。这台一体机还没有连接服务站。请工作人员在管理后台生成配对码，然后在下面输入。配对码。',
      attract: '社区公告。停水通知。轻触屏幕开始使用。',
      emergency: '紧急通知。暴雨预警，请勿外出。今晚有 暴雨 。查看其他公告。',
      settings: '设置。这些设置只对这次使用有效，您离开后会自动恢复。字号：标准。高对比度：关。朗读：关。音量：80%。语言：中文简体。',
      'staff-sign-in': '工作人员登录。工号。',
      'staff-notices': '公告管理。停水通知，已发布。低保公示，已发布。区里的通知，已发布。',
      'notice-editor': '新建公告。',
      attention: '需要处理。没有需要处理的事项。',
      'idle-warning': '您还在使用吗？很久没有操作了。如果不点“继续使用”，就会退出并清除您这次的信息。还剩 30 秒。',
      'external-link': '请用手机打开这个链接。一体机不能打开外面的网站。用手机扫一扫下面的二维码就能看。',
      'volunteer-overlap': '时间有冲突。您在这个时间已经报了：“防诈骗宣讲”。还要报名“老电影放映”吗？仍然报名。不报了。',
      'volunteer-provisional': '登记成功，联网后确认。现在还不能确定报上了。联网后会确认，结果请到“我的”里查看。',
      'volunteer-refused': '没有报上名。这个活动只请 70 岁及以下的居民参加，没有报上名。',
      'volunteer-attendance': '志愿服务管理。消防演练。2026年11月23日 15:00–17:00。报上名的人（3 人）。已签到 0。已签退 0。',
    };
    for (const [scenario, text] of Object.entries(expected)) {
      const { el } = await openScenario(scenario as Parameters<typeof openScenario>[0]);
      expect(el.spokenText(), scenario).to.equal(text);
      el.remove();
    }
  });

  it('stop and 再读一遍', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    expect(appButton(el, 'footer button.repeat')!.disabled).to.equal(true);
    appButton(el, 'footer button.read')!.click();
    await el.updateComplete;
    expect(synth.said.length).to.equal(1);
    const stopButton = appButton(el, 'footer button.stop')!;
    expect(stopButton.textContent!.trim()).to.equal('停止朗读');
    const cancels = synth.cancels;
    stopButton.click();
    await el.updateComplete;
    expect(synth.cancels).to.be.greaterThan(cancels);
    expect(el.speaking).to.equal(false);
    expect(appButton(el, 'footer button.read')!.textContent!.trim()).to.equal('读给我听');
    appButton(el, 'footer button.repeat')!.click();
    await el.updateComplete;
    expect(synth.said.map((u) => u.text)).to.deep.equal([synth.said[0]!.text, synth.said[0]!.text]);
  });

  it('朗读 on: each new screen and every error are spoken automatically', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    el.updateSettings({ readAloud: true });
    await until(() => synth.said.length === 1, 2000, 'screen spoken when switched on');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await until(() => synth.last?.text === '工作人员登录。工号。', 2000, 'screen spoken on arrival');
    const screen = screenEl(el, 'linli-staff-sign-in-screen');
    await press(screen.shadowRoot!.querySelector('linli-numeric-keypad.staff-no')!, '1001');
    screen.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
    await screen.updateComplete;
    await press(screen.shadowRoot!.querySelector('linli-numeric-keypad.pin')!, '1357924680');
    screen.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => synth.last?.text === '工号或密码不对，还可以再试 4 次。', 3000, 'error spoken');
  });

  it('follows the language (zh-TW voice) and is hidden when there is no matching voice, until one arrives', async () => {
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    el.updateSettings({ locale: 'zh-TW' });
    await el.updateComplete;
    expect(await read(el)).to.equal('您好，請選擇要辦的事。點一下大按鈕就可以。公告。社區通知、物業、公示、活動。現有 3 條。志願服務。看志願活動、報名、簽到。登入。用手機號和密碼，或刷居民卡。');
    expect(synth.last!.lang).to.equal('zh-TW');
    el.updateSettings({ locale: 'en' });
    await el.updateComplete;
    expect(appButton(el, 'footer button.read')).to.equal(null);
    expect(appButton(el, 'footer button.repeat')).to.equal(null);
    synth.voices = [...synth.voices, voice('en-GB', 'Daniel')];
    synth.dispatchEvent(new Event('voiceschanged'));
    await el.updateComplete;
    expect(await read(el)).to.equal('Hello. What would you like to do? Touch a big button to begin. Notices. Community, property, disclosures, activities. 3 now. Volunteering. Activities, sign-up, check-in. Sign in. With your phone number and PIN, or your resident card.');
    expect(synth.last!.lang).to.equal('en-GB');
  });

  it('no voice at all: no read-aloud controls, and the settings screen leaves out 朗读 and 音量', async () => {
    synth.voices = [];
    const { el } = await openScenario('settings');
    expect(appButton(el, 'footer button.read')).to.equal(null);
    const settings = screenEl(el, 'linli-settings-screen');
    expect(settings.shadowRoot!.querySelector('.read-aloud')).to.equal(null);
    expect(settings.shadowRoot!.querySelector('.volume')).to.equal(null);
    expect(el.canSpeak).to.equal(false);
  });

  it('volume: the settings screen sets it for every utterance; a new session starts at the default', async () => {
    const { el } = await openScenario('settings');
    const settings = screenEl(el, 'linli-settings-screen');
    settings.shadowRoot!.querySelector<HTMLButtonElement>('.volume button.quieter')!.click();
    await el.updateComplete;
    await settings.updateComplete;
    settings.shadowRoot!.querySelector<HTMLButtonElement>('.volume button.quieter')!.click();
    await el.updateComplete;
    await settings.updateComplete;
    expect(settings.shadowRoot!.querySelector('.volume .value')!.textContent).to.equal('音量：40%');
    await read(el);
    expect(synth.last!.volume).to.equal(0.4);
    el.endSession();
    await el.updateComplete;
    await read(el);
    expect(synth.last!.volume).to.equal(0.8);
  });

  it('never speaks a phone number, keypad digits, the resident’s name or staff names (scripted walk)', async function () {
    this.timeout(30_000);
    const services = testServices();
    await seedStation(services);
    const el = await kioskApp(services);
    el.updateSettings({ readAloud: true });
    const resident: ResidentSession = { residentId: 'r1', name: '张秀英', method: 'pin', startedAt: '2026-11-23T08:00:00.000Z', unspoken: ['13912345678'] };
    await read(el);
    el.shadowRoot!.querySelector('main > *')!.dispatchEvent(new CustomEvent('linli-resident-signed-in', { detail: { session: resident }, bubbles: true, composed: true }));
    await el.updateComplete;
    await read(el);

    // On a keypad: the resident's phone and a PIN (here on the staff keypad; never submitted).
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await el.updateComplete;
    const signIn = screenEl(el, 'linli-staff-sign-in-screen');
    await press(signIn.shadowRoot!.querySelector('linli-numeric-keypad')!, '2468');
    await read(el);
    el.back();
    await el.updateComplete;

    // Notices: the list, a notice naming the resident next to the typed digits, one with phone numbers.
    await openNotice(el, 'b');
    await read(el);
    const reader = screenEl(el, 'linli-notices-screen').shadowRoot!.querySelector('linli-notice-board')!.shadowRoot!.querySelector('linli-read-aloud')!;
    await until(() => (reader as unknown as { text: string }).text.includes('张秀英'), 2000, 'detail speech text');
    reader.shadowRoot!.querySelector('button')!.click();
    await until(() => synth.said.some((u) => u.text.startsWith('低保公示')), 2000, 'detail read-aloud');
    synth.finish();
    el.goHome();
    await el.updateComplete;
    await openNotice(el, 'c');
    await read(el);
    appButton(el, 'footer button.repeat')!.click();
    await el.updateComplete;
    synth.finish();

    // Staff sign in with a wrong PIN (spoken error), then the right one; the staff list is read.
    el.endSession();
    await el.updateComplete;
    el.updateSettings({ readAloud: true });
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await until(() => el.screen === 'staff-sign-in', 2000, 'staff sign-in again');
    el.shadowRoot!.querySelector('header .station')!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await el.updateComplete;
    const staff = screenEl(el, 'linli-staff-sign-in-screen');
    await press(staff.shadowRoot!.querySelector('linli-numeric-keypad')!, '1001');
    staff.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
    await staff.updateComplete;
    await press(staff.shadowRoot!.querySelector('linli-numeric-keypad.pin')!, '1357924680');
    staff.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => synth.said.some((u) => u.text.includes('还可以再试')), 3000, 'wrong PIN spoken');
    await press(staff.shadowRoot!.querySelector('linli-numeric-keypad.pin')!, '2468013579');
    staff.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-in')!.click();
    await until(() => el.screen === 'staff-notices', 3000, 'staff signed in');
    const list = screenEl(el, 'linli-staff-notices-screen');
    await until(() => (list.shadowRoot?.querySelectorAll('li').length ?? 0) === 3, 2000, 'staff list');
    expect(list.shadowRoot!.textContent).to.contain('王芳');
    await read(el);

    const said = synth.said.map((u) => u.text);
    expect(said.length).to.be.greaterThan(8);
    for (const text of said) {
      for (const secret of ['张秀英', '王芳', '13912345678', '13812345678', '2468013579', '1357924680', '2468', '1357', '1001', '6500', '010']) {
        expect(text, `"${text}" holds ${secret}`).not.to.contain(secret);
      }
      expect(text, text).not.to.match(/\d[\d\s-]{5,}\d/);
    }
    // The notice naming the resident was read, without the name and the typed digits.
    expect(said, said.join(' | ')).to.include('正在看公告。低保公示。名单：，门牌  号。');
    expect(said.some((t) => t.startsWith('正在看公告。区里的通知。'))).to.equal(true);
  });
});

describe('speech redaction', () => {
  it('removes phone numbers of any kind and denied strings (with separators), keeps dates and short numbers', async () => {
    const { redactForSpeech, denySpeech, clearDeniedSpeech } = await import('../../components/core/read-aloud.ts');
    expect(redactForSpeech('座机 010-6500 1234，热线 400-800-1234，手机 139 1234 5678。')).to.equal('座机 ，热线 ，手机 。');
    expect(redactForSpeech('2026-11-20 上午 9 点，3 号楼 502 室')).to.equal('2026-11-20 上午 9 点，3 号楼 502 室');
    denySpeech('张秀英', '2468');
    expect(redactForSpeech('张秀英，密码 2 4 6 8 或 24-68，门牌 1357')).to.equal('，密码  或 ，门牌 1357');
    clearDeniedSpeech();
    expect(redactForSpeech('张秀英 2468')).to.equal('张秀英 2468');
  });
});
