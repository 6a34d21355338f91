/**
 * The widgets' Markdown renderer (components/core/markdown-dom.ts): the subset staff use, built
 * as DOM with no HTML parsing, so every hostile payload stays text or is dropped.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { markdownToDom } from '../../../components/core/markdown-dom.ts';
import { PAYLOADS } from '../../xss-payloads.ts';

function render(md: string): HTMLDivElement {
  const div = document.createElement('div');
  div.append(markdownToDom(md));
  return div;
}

describe('markdown-dom', () => {
  it('renders headings, emphasis, code, quotes, rules and line breaks', () => {
    const div = render('# 一\n\n## 二 ##\n\n**粗** *斜* ~~删~~ `a<b`\n第二行\n\n> 引用\n> 续\n\n---\n\n```\n<x>\n```');
    expect(div.innerHTML).to.equal(
      '<h1>一</h1><h2>二</h2><p><strong>粗</strong> <em>斜</em> <del>删</del> <code>a&lt;b</code><br>第二行</p>' +
        '<blockquote><p>引用<br>续</p></blockquote><hr><pre><code>&lt;x&gt;</code></pre>',
    );
  });

  it('renders lists, ordered lists with a start and tables', () => {
    const div = render('- 甲\n- 乙 **重**\n\n3. 三\n4. 四\n\n| 项目 | 时间 |\n| --- | :-: |\n| 理发 | 周二 |\n| 义诊 |');
    expect(div.innerHTML).to.equal(
      '<ul><li>甲</li><li>乙 <strong>重</strong></li></ul><ol start="3"><li>三</li><li>四</li></ol>' +
        '<table><thead><tr><th>项目</th><th>时间</th></tr></thead><tbody><tr><td>理发</td><td>周二</td></tr><tr><td>义诊</td><td></td></tr></tbody></table>',
    );
  });

  it('keeps http(s) and relative links and images, drops script and data URLs', () => {
    const div = render('[站](https://a.example/x "标题") [相对](/n/1) [坏](javascript:alert(1)) <https://b.example> 见 https://c.example/p.\n\n![图](https://img.example/a.png) ![坏](data:image/png;base64,AAAA)');
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://a.example/x', '/n/1', 'https://b.example', 'https://c.example/p']);
    expect(links.every((a) => a.rel === 'noopener noreferrer' && a.target === '_blank')).to.equal(true);
    expect(links[0]!.title).to.equal('标题');
    expect(div.textContent).to.include('坏');
    const imgs = [...div.querySelectorAll('img')];
    expect(imgs.map((i) => [i.getAttribute('src'), i.alt, i.loading])).to.deep.equal([['https://img.example/a.png', '图', 'lazy']]);
  });

  it('shows raw HTML and entities as text', () => {
    const div = render('<b>粗体</b> &amp; &#106;');
    expect(div.querySelector('b')).to.equal(null);
    expect(div.textContent).to.equal('<b>粗体</b> & j');
  });

  it('leaves every XSS payload inert', async () => {
    delete window.__xss;
    for (const payload of PAYLOADS) {
      const div = render(`正文\n\n${payload}\n\n结尾`);
      document.body.append(div);
      for (const el of div.querySelectorAll('*')) {
        expect(['p', 'br', 'a', 'img', 'code', 'em', 'strong', 'del', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']).to.include(el.localName);
        for (const attr of el.attributes) {
          expect(['href', 'src', 'alt', 'title', 'target', 'rel', 'loading', 'decoding', 'start']).to.include(attr.name);
          expect([...attr.value].filter((c) => c.charCodeAt(0) > 0x20).join('')).not.to.match(/^(javascript|vbscript|data):/i);
        }
      }
      div.remove();
    }
    await aTimeout(100);
    expect(window.__xss).to.equal(undefined);
  });
});
