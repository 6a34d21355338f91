import { css } from 'lit';
import { baseStyles } from '../core/theme.ts';

export const noticeBoardStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      background: var(--_surface);
    }
    [hidden] {
      display: none !important;
    }
    .message {
      margin: 0;
      padding: var(--_m);
    }
    .error p {
      margin-block: 0 var(--_s);
      color: var(--_danger);
    }
    .count {
      margin: 0 0 var(--_xs);
      font-size: var(--_small);
      color: var(--_muted);
    }
    .scroller {
      max-block-size: var(--linli-notice-board-max-block-size, 30em);
      overflow-y: auto;
      overscroll-behavior: contain;
      border-block: 0.0625em solid var(--_border);
    }
    .scroller > ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /* Scoped to the list: the detail view's Markdown has its own lists in this shadow root. */
    .scroller > ul > li {
      block-size: 5.5em;
      border-block-end: 0.0625em solid var(--_border);
    }
    .item {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 0.25em;
      inline-size: 100%;
      block-size: 100%;
      min-block-size: 0;
      padding-block: 0.5em;
      padding-inline: var(--_s);
      border: 0;
      border-radius: 0;
      background: transparent;
      color: inherit;
      text-align: start;
    }
    .item:hover {
      background: var(--_surface-alt);
    }
    .item:focus-visible {
      outline-offset: -0.1875em;
    }
    .title {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
      line-height: 1.35;
      font-weight: 600;
    }
    .meta {
      font-size: var(--_small);
      line-height: 1.4;
      color: var(--_muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .badge {
      display: inline-block;
      padding-inline: 0.35em;
      border: 0.0625em solid currentColor;
      border-radius: var(--_radius);
      background: var(--_pinned);
      color: var(--_on-pinned);
      font-size: 0.85em;
      font-weight: 700;
      line-height: 1.4;
    }
    .pending {
      display: grid;
      justify-items: start;
      gap: var(--_s);
    }
    @media (forced-colors: active) {
      .badge {
        border-color: CanvasText;
      }
      .item:hover {
        background: Highlight;
        color: HighlightText;
      }
    }
  `,
];
