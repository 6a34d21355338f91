import { expect, waitUntil } from '@open-wc/testing';
import { HIGH_CONTRAST_TOKENS, KIOSK_TOKENS, themeStyles, TOKENS, type TokenName } from '../../components/core/theme.ts';
import { qrCode } from '../../components/core/qr-code.ts';
import { render } from 'lit';
import { memory, mount, notice, openDetail, sr } from './helpers.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('theme tokens', () => {
  const pairs: [TokenName, TokenName, number][] = [
    ['--linli-color-text', '--linli-color-surface', 7],
    ['--linli-color-text', '--linli-color-surface-alt', 7],
    ['--linli-color-text-muted', '--linli-color-surface', 7],
    ['--linli-color-text-muted', '--linli-color-surface-alt', 7],
    ['--linli-color-accent', '--linli-color-surface', 7],
    ['--linli-color-on-accent', '--linli-color-accent', 7],
    ['--linli-color-on-pinned', '--linli-color-pinned', 7],
    ['--linli-color-danger', '--linli-color-surface', 7],
    ['--linli-color-border', '--linli-color-surface', 3],
  ];
  for (const [fg, bg, min] of pairs) {
    it(`${fg} on ${bg} reaches ${min}:1`, () => {
      expect(contrast(TOKENS[fg], TOKENS[bg])).to.be.at.least(min);
    });
  }

  it('the defaults inside the widgets are the documented TOKENS', async () => {
    const board = await mount(memory([]));
    const style = getComputedStyle(board);
    const privateName: Partial<Record<TokenName, string>> = {
      '--linli-color-text': '--_text', '--linli-color-text-muted': '--_muted', '--linli-color-surface': '--_surface',
      '--linli-color-surface-alt': '--_surface-alt', '--linli-color-accent': '--_accent', '--linli-color-on-accent': '--_on-accent',
      '--linli-color-pinned': '--_pinned', '--linli-color-on-pinned': '--_on-pinned', '--linli-color-danger': '--_danger',
      '--linli-color-border': '--_border', '--linli-space-xs': '--_xs', '--linli-space-s': '--_s', '--linli-space-m': '--_m',
      '--linli-space-l': '--_l', '--linli-font-size-small': '--_small', '--linli-font-size-large': '--_large',
      '--linli-font-size-title': '--_title', '--linli-radius': '--_radius', '--linli-focus-ring': '--_ring', '--linli-target-size': '--_target',
    };
    for (const [name, priv] of Object.entries(privateName)) {
      expect(style.getPropertyValue(priv).trim(), name).to.equal(TOKENS[name as TokenName]);
    }
    expect(Object.keys(privateName).length).to.equal(Object.keys(TOKENS).length - 1); // all but the base font size
  });

  it('the high-contrast theme keeps text at 7:1 or more', () => {
    const t = { ...TOKENS, ...HIGH_CONTRAST_TOKENS };
    expect(contrast(t['--linli-color-text'], t['--linli-color-surface'])).to.be.at.least(15);
    expect(contrast(t['--linli-color-accent'], t['--linli-color-surface'])).to.be.at.least(7);
  });

  it('the kiosk scale gives 24px text, 64px targets and 36px at the largest step', async () => {
    const sheet = themeStyles(KIOSK_TOKENS).styleSheet!;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const board = await mount(memory([notice({ title: '大字', body: '正文' })]));
      expect(items0(board).getBoundingClientRect().height).to.be.at.least(64);
      await openDetail(board);
      const root = sr(board);
      await waitUntil(() => root.querySelector('[part~="body"] p'));
      expect(getComputedStyle(board).fontSize).to.equal('24px');
      const visible = [...root.querySelectorAll('button')].filter((b) => b.checkVisibility());
      expect(visible.length).to.equal(3);
      for (const b of visible) {
        const r = b.getBoundingClientRect();
        expect(r.height, b.className).to.be.at.least(64);
        expect(r.width, b.className).to.be.at.least(64);
      }
      const larger = root.querySelector<HTMLButtonElement>('.larger')!;
      for (let i = 0; i < 3; i++) {
        larger.click();
        await board.updateComplete;
      }
      expect(parseFloat(getComputedStyle(root.querySelector('[part~="body"] p')!).fontSize)).to.be.at.least(36);
      expect(root.querySelector('[part~="detail"]')!.scrollWidth).to.be.at.most(root.querySelector('[part~="detail"]')!.clientWidth + 1);
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });

  it('widgets follow the host font size (em), not the root font size', async () => {
    document.documentElement.style.fontSize = '10px';
    try {
      const board = await mount(memory([notice({ title: '字号' })]));
      board.parentElement!.parentElement!.style.fontSize = '20px';
      await board.updateComplete;
      expect(getComputedStyle(items0(board)).fontSize).to.equal('20px');
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });
});

function items0(board: Element): Element {
  return sr(board).querySelector('[part~="item"]')!;
}

describe('qrCode', () => {
  it('renders an SVG path with a quiet zone, no innerHTML', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    render(await qrCode('https://linli.example/n/一', '二维码'), host);
    const svg = host.querySelector('svg')!;
    const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(w).to.equal(h);
    expect(w! >= 29).to.equal(true); // version 2+ (25 modules) plus 2×4 quiet zone
    expect(svg.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(svg.getAttribute('aria-label')).to.equal('二维码');
    host.remove();
  });
});
