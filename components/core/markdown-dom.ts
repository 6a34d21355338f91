/**
 * Staff Markdown straight to DOM, for the widgets: a small GFM subset (headings, paragraphs with
 * line breaks, emphasis, strong, strikethrough, code, fenced code, block quotes, lists, tables,
 * rules, links, images, bare URLs) built with createElement and text nodes only. No string of
 * HTML is ever parsed, so there is nothing to sanitize and no Trusted Types sink is touched: raw
 * HTML in a notice is shown as the text it is. Links keep only http(s) and site-relative targets
 * and open in a new tab with rel="noopener noreferrer"; images keep only what the domain rule
 * isSafeImageUrl allows and load lazily.
 *
 * (The kiosk's printed poster still uses markdown.ts — marked with a sanitizer — which renders
 * the same subset.)
 */
import { isSafeImageUrl } from '../../domain/notice.ts';

type Parent = Element | DocumentFragment;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':' };

/** Character references as the text they stand for (only ever put into text or attributes). */
function decode(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? m;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

function el<K extends keyof HTMLElementTagNameMap>(parent: Parent, tag: K): HTMLElementTagNameMap[K] {
  return parent.appendChild(document.createElement(tag));
}

function text(parent: Parent, value: string): void {
  if (value) parent.append(decode(value));
}

function safeLink(href: string): boolean {
  try {
    const u = new URL(href, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `(dest "title")` after a link's text, starting at `i` (the `(`): [dest, title, end] or null. */
function destination(src: string, i: number): [string, string, number] | null {
  const m = /^\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'))?\s*\)/.exec(src.slice(i));
  if (!m) return null;
  const dest = m[1]!.startsWith('<') ? m[1]!.slice(1, -1) : m[1]!;
  return [decode(dest.replace(/\\(.)/g, '$1')), m[2] ? decode(m[2].slice(1, -1)) : '', i + m[0].length];
}

/** The index of the `]` closing the `[` at `i`, or -1. */
function closingBracket(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  return -1;
}

const PUNCT = /[!-/:-@[-`{-~]/;

/** Inline Markdown into `parent`; `breaks`: a newline is a line break (as staff expect). */
function inline(parent: Parent, src: string): void {
  let plain = '';
  const flush = (): void => {
    text(parent, plain);
    plain = '';
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    const rest = src.slice(i);
    if (c === '\\' && i + 1 < src.length && PUNCT.test(src[i + 1]!)) {
      plain += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      plain = plain.replace(/ +$/, '');
      flush();
      el(parent, 'br');
      i++;
      while (src[i] === ' ') i++;
      continue;
    }
    if (c === '`') {
      const ticks = /^`+/.exec(rest)![0];
      const end = src.indexOf(ticks, i + ticks.length);
      if (end > 0) {
        flush();
        el(parent, 'code').textContent = src.slice(i + ticks.length, end).replace(/\n/g, ' ').replace(/^ (.+) $/, '$1');
        i = end + ticks.length;
        continue;
      }
      plain += ticks;
      i += ticks.length;
      continue;
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      const close = closingBracket(src, open);
      const dest = close > 0 && src[close + 1] === '(' ? destination(src, close + 1) : null;
      if (dest) {
        flush();
        const [url, title, end] = dest;
        const label = src.slice(open + 1, close);
        if (c === '!') {
          if (isSafeImageUrl(url)) {
            const img = el(parent, 'img');
            img.loading = 'lazy';
            img.decoding = 'async';
            img.alt = decode(label.replace(/\\(.)/g, '$1'));
            if (title) img.title = title;
            img.src = url;
          }
        } else if (safeLink(url)) {
          const a = el(parent, 'a');
          a.href = url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          if (title) a.title = title;
          inline(a, label);
        } else {
          inline(parent, label); // an unsafe target: the words stay, the link goes
        }
        i = end;
        continue;
      }
    }
    const auto = c === '<' ? /^<(https?:\/\/[^\s<>]+)>/i.exec(rest) : /^https?:\/\/[^\s<>]+/i.test(rest) && !/\w$/.test(plain) ? /^(https?:\/\/[^\s<>]+?)[.,:;!?'")\]]*(?=\s|$|<)/i.exec(rest) : null;
    if (auto && safeLink(auto[1]!)) {
      flush();
      const a = el(parent, 'a');
      a.href = a.textContent = auto[1]!;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      i += c === '<' ? auto[0].length : auto[1]!.length;
      continue;
    }
    const delim = /^(\*\*|__|~~|\*|_)/.exec(rest)?.[0];
    if (delim && !/\s/.test(src[i + delim.length] ?? ' ') && !(delim[0] === '_' && /\w/.test(src[i - 1] ?? ''))) {
      let end = i + delim.length;
      for (;;) {
        end = src.indexOf(delim, end + 1);
        if (end < 0 || (!/\s/.test(src[end - 1]!) && !(delim.length === 1 && src[end + 1] === delim))) break;
      }
      if (end > i + delim.length && !(delim[0] === '_' && /\w/.test(src[end + delim.length] ?? ''))) {
        flush();
        inline(el(parent, delim === '~~' ? 'del' : delim.length === 2 ? 'strong' : 'em'), src.slice(i + delim.length, end));
        i = end + delim.length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])([ \t]+|$)/;
const TABLE_RULE = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function cells(row: string): string[] {
  const out = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
  return out.map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Block Markdown (already split into lines) into `parent`. */
function blocks(parent: Parent, lines: string[]): void {
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if (!line.trim()) {
      i++;
    } else if ((m = FENCE.exec(line))) {
      const fence = m[1]!;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence); i++) body.push(lines[i]!);
      i++;
      el(el(parent, 'pre'), 'code').textContent = body.join('\n');
    } else if ((m = HEADING.exec(line))) {
      inline(el(parent, `h${m[1]!.length}` as 'h1'), m[2] ?? '');
      i++;
    } else if (RULE.test(line)) {
      el(parent, 'hr');
      i++;
    } else if (QUOTE.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && lines[i]!.trim() && (QUOTE.test(lines[i]!) || !startsBlock(lines[i]!)); i++) body.push(lines[i]!.replace(QUOTE, ''));
      blocks(el(parent, 'blockquote'), body);
    } else if ((m = ITEM.exec(line))) {
      const ordered = m[3] !== undefined;
      const list = ordered ? el(parent, 'ol') : el(parent, 'ul');
      if (list instanceof HTMLOListElement && m[3] !== '1') list.start = Number(m[3]);
      let loose = false;
      while (i < lines.length && (m = ITEM.exec(lines[i]!)) && (m[3] !== undefined) === ordered) {
        const indent = m[0].length;
        const body = [lines[i]!.slice(indent)];
        for (i++; i < lines.length; i++) {
          const next = lines[i]!;
          if (!next.trim()) {
            // A blank line ends the item unless indented content follows.
            if (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!)) {
              loose = true;
              body.push('');
              continue;
            }
            break;
          }
          if (/^\s{2,}\S/.test(next)) body.push(next.replace(new RegExp(`^ {0,${indent}}`), ''));
          else if (!startsBlock(next)) body.push(next.trim());
          else break;
        }
        const li = el(list, 'li');
        if (!loose && !body.some((l, k) => k > 0 && startsBlock(l))) inline(li, body.join('\n'));
        else blocks(li, body);
        while (i < lines.length && !lines[i]!.trim() && i + 1 < lines.length && ITEM.test(lines[i + 1]!)) i++;
      }
    } else if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) {
      const table = el(parent, 'table');
      const head = el(el(table, 'thead'), 'tr');
      const columns = cells(line);
      for (const cell of columns) inline(el(head, 'th'), cell);
      const tbody = el(table, 'tbody');
      for (i += 2; i < lines.length && lines[i]!.includes('|') && lines[i]!.trim(); i++) {
        const tr = el(tbody, 'tr');
        const row = cells(lines[i]!);
        columns.forEach((_, k) => inline(el(tr, 'td'), row[k] ?? ''));
      }
    } else {
      const body: string[] = [];
      for (; i < lines.length && lines[i]!.trim() && (body.length === 0 || !startsBlock(lines[i]!)); i++) body.push(lines[i]!.trim());
      inline(el(parent, 'p'), body.join('\n'));
    }
  }
}

/** Render staff Markdown into `target` as DOM, replacing its children. */
export function markdownToDom(markdown: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  blocks(fragment, markdown.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
  return fragment;
}

/** Render staff Markdown into `target`, replacing its children. */
export function renderMarkdownDom(target: Element, markdown: string): void {
  target.replaceChildren(markdownToDom(markdown));
}
