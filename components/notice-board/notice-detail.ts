/**
 * The notice detail view, loaded on the first open so the list stays small: a controller that
 * fetches the notice, renders its Markdown (as DOM, core/markdown-dom.ts), QR code and read-aloud.
 */
import { adoptStyles, css, html, nothing, type TemplateResult } from 'lit';
import { isSafeImageUrl, type Notice } from '../../domain/notice.ts';
import { defineElement } from '../core/define.ts';
import { fill, formatDate } from '../core/i18n.ts';
import { renderMarkdownDom } from '../core/markdown-dom.ts';
import { qrCode } from '../core/qr-code.ts';
import { LinliReadAloud, stop } from '../core/read-aloud.ts';
import { LinliSourceError, toSourceError } from '../core/source.ts';
import { detailStrings } from './detail-strings.ts';
import type { NoticeDetailHost } from './notice-board.ts';
import type { NoticeListStrings } from './strings.ts';

/** Text enlargement steps above the normal size (A+ / A−): 1, 1.17, 1.33, 1.5 em. */
export const TEXT_STEPS = 3;

const styled = new WeakSet<Node>();

/** One open notice: its data, text size, QR code and body, drawn into the board's shadow root. */
export class NoticeDetail {
  readonly id: string;
  private readonly host: NoticeDetailHost;
  private notice: Notice | null;
  private error: LinliSourceError | null = null;
  private scale = 0;
  private qr: TemplateResult | null = null;
  private speech = '';
  private run = 0;
  private bodyFor: { el: Element; key: string } | null = null;
  private focusTitle = true;

  constructor(host: NoticeDetailHost, id: string) {
    defineElement('linli-read-aloud', LinliReadAloud);
    const root = host.renderRoot;
    if (!styled.has(root) && root instanceof ShadowRoot) {
      styled.add(root);
      if (detailStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, detailStyles.styleSheet];
      else adoptStyles(root, [detailStyles]);
    }
    this.host = host;
    this.id = id;
    this.notice = host.listed(id);
    if (this.notice) void this.show(this.notice, ++this.run);
    else void this.refresh();
  }

  /** Fetch the notice again (the source changed, or 重试). */
  async refresh(): Promise<void> {
    const run = ++this.run;
    const source = this.host.dataSource;
    if (!source) return;
    try {
      const n = await source.notice(this.id);
      if (run !== this.run) return;
      if (!n) throw new LinliSourceError('not-found', `notice ${this.id} is not visible`);
      await this.show(n, run);
    } catch (err) {
      if (run !== this.run) return;
      this.error = toSourceError(err);
      // A notice that was taken down leaves the screen at once.
      if (this.error.kind === 'not-found') this.notice = null;
      this.host.requestUpdate();
    }
  }

  private async show(n: Notice, run: number): Promise<void> {
    this.notice = n;
    this.error = null;
    this.host.requestUpdate();
    const url = this.host.dataSource?.noticeUrl(n);
    if (!url) return;
    const qr = await qrCode(url, detailStrings[this.host.locale].qrLabel);
    if (run !== this.run) return;
    this.qr = qr;
    this.host.requestUpdate();
  }

  close(): void {
    this.run++;
    stop();
  }

  private resize(by: number): void {
    this.scale = Math.min(TEXT_STEPS, Math.max(0, this.scale + by));
    this.host.requestUpdate();
  }

  /** After the board renders: put the Markdown in as DOM nodes, once per notice revision. */
  updated(): void {
    const root = this.host.renderRoot;
    const n = this.notice;
    const body = root.querySelector('.detail .body');
    if (n && body && !(this.bodyFor?.el === body && this.bodyFor.key === `${n.id}@${n.revision}`)) {
      this.bodyFor = { el: body, key: `${n.id}@${n.revision}` };
      renderMarkdownDom(body, n.body);
      this.speech = `${n.title}。\n${(body as HTMLElement).innerText}`;
      // (Within updated(): the next update draws the read-aloud text.)
      queueMicrotask(() => this.host.requestUpdate());
    }
    if (n && this.focusTitle) {
      this.focusTitle = false;
      root.querySelector<HTMLElement>('.detail h2')?.focus();
    }
  }

  render(t: NoticeListStrings): TemplateResult {
    const back = (): void => this.host.close();
    const n = this.notice;
    if (!n) {
      return html`<section class="pending">
        <button part="button" type="button" @click=${back}>${t.back}</button>
        ${this.error
          ? this.host.renderError(this.error, () => void this.refresh())
          : html`<p class="message" role="status">${t.opening}</p>`}
      </section>`;
    }
    const d = detailStrings[this.host.locale];
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') back();
    };
    return html`<section part="detail" class="detail" aria-labelledby="detail-title" data-scale=${this.scale} @keydown=${onKey}>
      <div class="toolbar">
        <button part="button" type="button" class="back primary" @click=${back}>${t.back}</button>
        <span class="tools">
          <button part="button" type="button" class="smaller" ?disabled=${this.scale <= 0} @click=${() => this.resize(-1)}>
            <span aria-hidden="true">${d.smallerGlyph}</span><span class="visually-hidden">${d.smaller}</span>
          </button>
          <button part="button" type="button" class="larger" ?disabled=${this.scale >= TEXT_STEPS} @click=${() => this.resize(1)}>
            <span aria-hidden="true">${d.largerGlyph}</span><span class="visually-hidden">${d.larger}</span>
          </button>
          <linli-read-aloud exportparts="button" lang=${this.host.locale} .text=${this.speech || n.title}></linli-read-aloud>
        </span>
      </div>
      ${this.error ? this.host.renderError(this.error, () => void this.refresh()) : nothing}
      <article class="content">
        <h2 id="detail-title" part="title" tabindex="-1">
          ${n.pinned ? html`<span class="badge">${t.pinned}</span> ` : nothing}${n.title}
        </h2>
        <p class="meta">
          ${t.boards[n.board] ?? n.board} · <time datetime=${n.publishAt}>${formatDate(n.publishAt, this.host.locale)}</time>
        </p>
        <div part="body" class="body"></div>
        ${n.images.filter(isSafeImageUrl).map(
          (src, i) => html`<img class="picture" src=${src} alt=${fill(d.imageAlt, { n: i + 1, title: n.title })} loading="lazy" decoding="async" />`,
        )}
      </article>
      <figure part="qr" class="qr">
        ${this.qr ?? nothing}
        <figcaption>${d.qrCaption}</figcaption>
      </figure>
    </section>`;
  }
}

export const detailStyles = css`
  .detail {
    display: grid;
    gap: var(--_m);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_s);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s);
  }
  .content {
    font-size: 1em;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  /* Text enlargement: em steps on the article, so everything inside grows together. */
  .detail[data-scale='1'] .content {
    font-size: 1.17em;
  }
  .detail[data-scale='2'] .content {
    font-size: 1.33em;
  }
  .detail[data-scale='3'] .content {
    font-size: 1.5em;
  }
  h2 {
    font-size: var(--_title);
    line-height: 1.35;
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--_ring);
  }
  .meta {
    color: var(--_muted);
    font-size: var(--_small);
    margin-block: var(--_xs) var(--_m);
  }
  .body {
    line-height: 1.7;
  }
  .body :is(h1, h2, h3, h4, h5, h6) {
    font-size: 1.1em;
    margin-block: 1em 0.5em;
  }
  .body img,
  .picture {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    margin-block: var(--_s);
  }
  .body a {
    color: var(--_accent);
    text-decoration: underline;
  }
  .body pre {
    white-space: pre-wrap;
  }
  .body table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .body :is(th, td) {
    border: 0.0625em solid var(--_border);
    padding: var(--_xs);
  }
  .qr {
    margin: 0;
    display: grid;
    justify-items: start;
    gap: var(--_xs);
  }
  .qr svg {
    inline-size: 9em;
    block-size: 9em;
    forced-color-adjust: none;
  }
  figcaption {
    font-size: var(--_small);
    color: var(--_muted);
  }
`;
