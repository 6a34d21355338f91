import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineElement } from '../../components/core/define.ts';
import { hasVoice, LinliReadAloud, pickVoice, speak, stop, stripPersonalNumbers } from '../../components/core/read-aloud.ts';
import { memory, mount, notice, openDetail, sr } from './helpers.ts';

defineElement('linli-read-aloud', LinliReadAloud);

/** A stand-in for the browser's speech engine that records what it was asked to say. */
class FakeUtterance extends EventTarget {
  text: string;
  lang = '';
  rate = 1;
  voice: unknown = null;
  constructor(text: string) {
    super();
    this.text = text;
  }
}

class FakeSynth extends EventTarget {
  voices: Partial<SpeechSynthesisVoice>[] = [];
  spoken: FakeUtterance[] = [];
  cancels = 0;
  getVoices(): Partial<SpeechSynthesisVoice>[] {
    return this.voices;
  }
  speak(u: FakeUtterance): void {
    this.spoken.push(u);
  }
  cancel(): void {
    this.cancels++;
    for (const u of this.spoken.splice(0)) u.dispatchEvent(new Event('error'));
  }
  /** The engine finished the current utterance. */
  finish(): void {
    for (const u of this.spoken.splice(0)) u.dispatchEvent(new Event('end'));
  }
}

const voice = (lang: string, name: string, localService = true): Partial<SpeechSynthesisVoice> => ({ lang, name, localService, voiceURI: name, default: false });

let synth: FakeSynth;
const saved: [string, PropertyDescriptor | undefined][] = [];

beforeEach(() => {
  synth = new FakeSynth();
  synth.voices = [voice('en-US', 'Samantha'), voice('zh-HK', 'Sinji'), voice('zh-CN', 'Tingting'), voice('zh-TW', 'Meijia')];
  for (const [name, value] of [['speechSynthesis', synth], ['SpeechSynthesisUtterance', FakeUtterance]] as const) {
    saved.push([name, Object.getOwnPropertyDescriptor(window, name)]);
    Object.defineProperty(window, name, { value, configurable: true, writable: true });
  }
});

afterEach(() => {
  for (const [name, desc] of saved.splice(0)) {
    if (desc) Object.defineProperty(window, name, desc);
    else Reflect.deleteProperty(window, name);
  }
});

describe('read-aloud', () => {
  it('chooses the voice of the locale', () => {
    expect(pickVoice('zh-CN')!.name).to.equal('Tingting');
    expect(pickVoice('zh-TW')!.name).to.equal('Meijia');
    expect(pickVoice('en')!.name).to.equal('Samantha');
    synth.voices = [voice('cmn-Hans-CN', 'Mandarin', false)];
    expect(pickVoice('zh-CN')!.name).to.equal('Mandarin');
    expect(hasVoice('en')).to.equal(false);
  });

  it('never passes a mobile or ID number to the speech engine', async () => {
    expect(stripPersonalNumbers('电话 13812345678 或 138-1234-5678，身份证 11010519491231002X。')).to.equal('电话  或 ，身份证 。');
    void speak('请致电13812345678咨询', 'zh-CN');
    expect(synth.spoken[0]!.text).to.equal('请致电咨询');
    expect(synth.spoken[0]!.lang).to.equal('zh-CN');
    stop();
    expect(synth.cancels).to.be.greaterThan(0);
  });

  it('<linli-read-aloud> reads, shows stop while speaking, and stops', async () => {
    const el = await fixture(html`<linli-read-aloud lang="zh-CN" .text=${'你好'}></linli-read-aloud>`);
    const button = (): HTMLButtonElement => el.shadowRoot!.querySelector('button')!;
    expect(button().textContent!.trim()).to.equal('朗读');
    await expect(el).to.be.accessible();
    button().click();
    await waitUntil(() => button().textContent!.trim() === '停止朗读');
    expect(synth.spoken.map((u) => u.text)).to.deep.equal(['你好']);
    await expect(el).to.be.accessible();
    synth.finish();
    await waitUntil(() => button().textContent!.trim() === '朗读');
    button().click();
    await waitUntil(() => button().textContent!.trim() === '停止朗读');
    button().click();
    await waitUntil(() => button().textContent!.trim() === '朗读');
    expect(synth.cancels).to.be.greaterThan(1);
  });

  it('is hidden when the device has no voice for the locale, and appears when one arrives', async () => {
    synth.voices = [];
    const el = await fixture(html`<linli-read-aloud lang="zh-CN" .text=${'你好'}></linli-read-aloud>`);
    expect(el.hasAttribute('hidden')).to.equal(true);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    expect(getComputedStyle(el).display).to.equal('none');
    synth.voices = [voice('zh-CN', 'Tingting')];
    synth.dispatchEvent(new Event('voiceschanged'));
    await waitUntil(() => el.shadowRoot!.querySelector('button'));
    expect(el.hasAttribute('hidden')).to.equal(false);
  });

  it('reads a notice (title and body) with phone numbers removed', async () => {
    const board = await mount(
      memory([notice({ id: 'r', title: '停水通知', body: '明天停水。\n\n咨询电话：13812345678，或 138 1234 5678。' })]),
    );
    await openDetail(board);
    const reader = sr(board).querySelector('linli-read-aloud')!;
    await waitUntil(() => reader.text.includes('明天停水'), 'speech text not set from the body');
    const button = reader.shadowRoot!.querySelector('button')!;
    button.click();
    await waitUntil(() => synth.spoken.length === 1);
    const said = synth.spoken[0]!.text;
    expect(said).to.equal('停水通知。\n明天停水。\n\n咨询电话：，或 。');
    expect(said).not.to.match(/\d{4}/);
    await expect(board).to.be.accessible();
  });

  it('has no read-aloud button in the detail when there is no voice', async () => {
    synth.voices = [voice('en-US', 'Samantha')];
    const board = await mount(memory([notice({ title: '无语音' })]), {}, 'list');
    await openDetail(board);
    const reader = sr(board).querySelector('linli-read-aloud')!;
    await reader.updateComplete;
    expect(reader.hidden).to.equal(true);
    expect(reader.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(board).to.be.accessible();
  });

  it('stops speaking when the detail closes', async () => {
    const board = await mount(memory([notice({ title: '关闭时停止' })]));
    await openDetail(board);
    const reader = sr(board).querySelector('linli-read-aloud')!;
    reader.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => synth.spoken.length === 1);
    const before = synth.cancels;
    sr(board).querySelector<HTMLButtonElement>('.detail .back')!.click();
    await board.updateComplete;
    expect(synth.cancels).to.be.greaterThan(before);
  });
});
