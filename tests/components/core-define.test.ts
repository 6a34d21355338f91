import { expect } from '@open-wc/testing';
import { defineElement } from '../../components/core/define.ts';
import { resolveLocale, toLocale, fill } from '../../components/core/i18n.ts';

describe('defineElement', () => {
  it('registers a tag once and warns instead of throwing when another class claims it', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      defineElement('linli-test-define-once', First);
      defineElement('linli-test-define-once', First);
      expect(warnings).to.have.length(0);
      defineElement('linli-test-define-once', Second);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('linli-test-define-once')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('<linli-test-define-once> is already defined');
  });
});

describe('locale resolution', () => {
  it('maps tags to the three supported locales', () => {
    expect(toLocale('zh-Hant-HK')).to.equal('zh-TW');
    expect(toLocale('zh')).to.equal('zh-CN');
    expect(toLocale('en-GB')).to.equal('en');
    expect(toLocale('fr')).to.equal(null);
  });

  it('takes the nearest lang across shadow roots, then <html lang>', () => {
    const outer = document.createElement('div');
    outer.lang = 'en';
    const host = document.createElement('div');
    outer.append(host);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(outer);
    try {
      expect(resolveLocale(inner)).to.equal('en');
      outer.removeAttribute('lang');
      document.documentElement.lang = 'zh-TW';
      expect(resolveLocale(inner)).to.equal('zh-TW');
      document.documentElement.lang = 'fr';
      expect(resolveLocale(inner)).to.equal('zh-CN');
    } finally {
      outer.remove();
      document.documentElement.lang = 'en';
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('共 {n} 条，{x}', { n: 3 })).to.equal('共 3 条，{x}');
  });
});
