/**
 * Hostile notices: every payload sets window.__xss if it ever runs. After rendering the list and
 * opening the detail (with the browser's Sanitizer API, and again through DOMPurify), the flag is
 * unset and no script, inline handler or script URL is left in the DOM.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { renderMarkdownInto, sanitizeInto } from '../../components/core/markdown.ts';
import { BAD_IMAGE_URLS, PAYLOADS } from '../xss-payloads.ts';
import { memory, mount, notice, openDetail, sr } from './helpers.ts';

const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc', 'background', 'poster'];

/** Every element under a root, crossing into shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

function assertClean(root: ParentNode): void {
  for (const el of allElements(root)) {
    const tag = el.localName;
    expect(['script', 'iframe', 'object', 'embed', 'meta', 'base', 'style', 'template', 'form', 'input'], `<${tag}> left in DOM`).not.to.include(tag);
    for (const attr of el.attributes) {
      expect(attr.name.toLowerCase().startsWith('on'), `${attr.name} on <${tag}>`).to.equal(false);
      if (URL_ATTRS.includes(attr.name.toLowerCase())) {
        expect([...attr.value].filter((c) => c.charCodeAt(0) > 0x20).join(''), `${attr.name} on <${tag}>`).not.to.match(/^(javascript|vbscript|data):/i);
      }
    }
  }
}

beforeEach(() => {
  delete window.__xss;
});

describe('XSS: the notice board never runs staff-supplied script', () => {
  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1} in title, body and image URL: ${payload.slice(0, 48)}`, async () => {
      const board = await mount(
        memory([notice({ id: `x${i}`, title: payload, body: `正文\n\n${payload}\n\n结尾`, images: [payload, ...BAD_IMAGE_URLS] })]),
      );
      assertClean(sr(board));
      await openDetail(board);
      // Let the body render and any image error or load handler have its chance.
      await aTimeout(80);
      expect(sr(board).querySelector('.detail h2')!.textContent).to.include(payload.slice(0, 10));
      expect(sr(board).querySelectorAll('img.picture')).to.have.length(0);
      assertClean(sr(board));
      expect(window.__xss).to.equal(undefined);
    });
  });

  it('the same payloads through DOMPurify (browsers without the Sanitizer API) stay inert', async () => {
    const host = await fixture(html`<div></div>`);
    for (const payload of PAYLOADS) {
      const target = document.createElement('div');
      host.append(target);
      await renderMarkdownInto(target, payload, 'dompurify');
      assertClean(target);
    }
    await aTimeout(100);
    expect(window.__xss).to.equal(undefined);
  });

  for (const engine of ['sanitizer', 'dompurify'] as const) {
    it(`the sanitizer layer alone (${engine}) disarms every payload given as raw HTML`, async () => {
      const host = await fixture(html`<div></div>`);
      for (const payload of PAYLOADS) {
        const target = document.createElement('div');
        host.append(target);
        await sanitizeInto(target, payload, engine);
        assertClean(target);
      }
      await aTimeout(100);
      expect(window.__xss).to.equal(undefined);
    });
  }

  it('the checker itself catches unsafe DOM (so the tests above can fail)', () => {
    const div = document.createElement('div');
    const a = document.createElement('a');
    a.setAttribute('href', ' javascript:void 0');
    div.append(a);
    expect(() => assertClean(div)).to.throw();
    a.removeAttribute('href');
    a.setAttribute('onclick', 'void 0');
    expect(() => assertClean(div)).to.throw();
    a.remove();
    div.append(document.createElement('script'));
    expect(() => assertClean(div)).to.throw();
  });

  it('keeps safe Markdown: links get rel and target, images load lazily', async () => {
    for (const engine of ['sanitizer', 'dompurify'] as const) {
      const target = document.createElement('div');
      await renderMarkdownInto(target, '## 标题\n\n[链接](https://a.example/x) [相对](/notices/1)\n\n![图](https://img.example/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |', engine);
      const links = target.querySelectorAll('a');
      expect([...links].map((a) => a.getAttribute('href')), engine).to.deep.equal(['https://a.example/x', '/notices/1']);
      expect([...links].every((a) => a.rel === 'noopener noreferrer' && a.target === '_blank'), engine).to.equal(true);
      const img = target.querySelector('img')!;
      expect([img.getAttribute('src'), img.loading, img.alt], engine).to.deep.equal(['https://img.example/a.png', 'lazy', '图']);
      expect(target.querySelector('h2')!.textContent, engine).to.equal('标题');
      expect(target.querySelectorAll('td'), engine).to.have.length(2);
    }
  });

  it('shows raw HTML in Markdown as text instead of markup', async () => {
    const target = document.createElement('div');
    await renderMarkdownInto(target, '<b>粗体</b> 与 <i>斜体</i>');
    expect(target.querySelector('b, i')).to.equal(null);
    expect(target.textContent).to.include('<b>粗体</b>');
  });
});
