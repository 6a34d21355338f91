/**
 * Staff Markdown → sanitized DOM, loaded lazily (marked, and DOMPurify only where the browser has
 * no HTML Sanitizer API). Three layers:
 *   1. marked renders Markdown; raw HTML inside the Markdown is escaped to text, never passed on;
 *   2. the platform sanitizer (Element.setHTML) or DOMPurify keeps only an allow-list of tags and
 *      attributes;
 *   3. links and images keep only http(s) or relative URLs (parsed with URL, images through the
 *      domain rule isSafeImageUrl); images load lazily; links open with rel="noopener noreferrer".
 * No string of HTML is ever assigned to innerHTML; with Trusted Types, DOMPurify parses through the
 * `linli-markdown` policy.
 */
import type { TrustedTypePolicy, TrustedTypePolicyFactory } from 'trusted-types/lib/index.js';
import { isSafeImageUrl } from '../../domain/notice.ts';

const TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ATTRS = ['href', 'title', 'alt', 'src', 'start'];

export type SanitizerEngine = 'auto' | 'sanitizer' | 'dompurify';

interface ElementWithSetHTML extends Element {
  setHTML(html: string, options: { sanitizer: { elements: string[]; attributes: string[] } }): void;
}

function hasSetHTML(el: Element): el is ElementWithSetHTML {
  return typeof (el as Partial<ElementWithSetHTML>).setHTML === 'function';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type MarkdownToHtml = (markdown: string) => string;
let parser: Promise<MarkdownToHtml> | null = null;

function loadParser(): Promise<MarkdownToHtml> {
  parser ??= import('marked').then(({ Marked }) => {
    const marked = new Marked({
      gfm: true,
      breaks: true,
      async: false,
      renderer: {
        // Staff write Markdown, not HTML: any HTML in it is shown as the text it is.
        html: ({ text }) => escapeHtml(text),
      },
    });
    return (markdown: string) => marked.parse(markdown, { async: false });
  });
  return parser;
}

let policy: TrustedTypePolicy | null | undefined;
/** The `linli-markdown` Trusted Types policy, only ever handed to DOMPurify (never exported). */
function markdownPolicy(): TrustedTypePolicy | null {
  if (policy !== undefined) return policy;
  policy = null;
  // (Typed loosely: DOMPurify only calls createHTML and createScriptURL.)
  const tt = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (tt) {
    try {
      policy = tt.createPolicy('linli-markdown', {
        // DOMPurify parses the string into an inert document and sanitizes that DOM.
        createHTML: (html: string) => html,
        // Never used for our allow-list (no scripts); refuse to mint script URLs.
        createScriptURL: () => '',
      }) as unknown as TrustedTypePolicy;
    } catch {
      policy = null; // the page's CSP does not allow the name: DOMPurify then works without TT
    }
  }
  return policy ?? null;
}

type Purify = typeof import('dompurify').default;
let purify: Promise<Purify> | null = null;
function loadPurify(): Promise<Purify> {
  purify ??= import('dompurify').then((m) => m.default);
  return purify;
}

function safeLink(href: string): boolean {
  try {
    const u = new URL(href, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The last layer: only http(s)/relative link targets and image sources survive. */
function finish(root: Element | DocumentFragment): void {
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('href');
    if (href === null || !safeLink(href)) a.removeAttribute('href');
    else {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
  }
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src');
    if (src === null || !isSafeImageUrl(src)) {
      img.remove();
      continue;
    }
    img.loading = 'lazy';
    img.decoding = 'async';
    if (!img.hasAttribute('alt')) img.alt = '';
  }
}

/**
 * Put sanitized HTML into `target`, replacing its children (layers 2 and 3 above). `engine`
 * forces one sanitizer (tests exercise both); `auto` prefers the browser's own.
 */
export async function sanitizeInto(target: Element, html: string, engine: SanitizerEngine = 'auto'): Promise<void> {
  // Sanitize inside an inert document, so nothing loads before the last layer has run.
  const inert = document.implementation.createHTMLDocument('').createElement('div');
  if (engine !== 'dompurify' && hasSetHTML(inert)) {
    inert.setHTML(html, { sanitizer: { elements: TAGS, attributes: ATTRS } });
    finish(inert);
    target.replaceChildren(...inert.childNodes);
    return;
  }
  if (engine === 'sanitizer') throw new Error('The HTML Sanitizer API is not available');
  const DOMPurify = await loadPurify();
  const fragment = DOMPurify.sanitize(html, {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: ATTRS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
    TRUSTED_TYPES_POLICY: markdownPolicy(),
  });
  finish(fragment);
  target.replaceChildren(fragment);
}

/** Render staff Markdown into `target` as sanitized DOM, replacing its children. */
export async function renderMarkdownInto(target: Element, markdown: string, engine: SanitizerEngine = 'auto'): Promise<void> {
  const toHtml = await loadParser();
  await sanitizeInto(target, toHtml(markdown), engine);
}
