import { css } from 'lit';
import { baseStyles } from '../core/theme.ts';

export const pointsRankingStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      background: var(--_surface);
      /* Text people read is never below 16 px, even on a site with a 14 px body. */
      font-size: max(var(--linli-font-size-base, 1em), 16px);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_s) var(--_m);
      margin-block-end: var(--_s);
    }
    [role='group'] {
      display: flex;
    }
    [part~='toggle'] {
      border-radius: 0;
      padding-inline: var(--_m);
    }
    [part~='toggle']:first-child {
      border-start-start-radius: var(--_radius);
      border-end-start-radius: var(--_radius);
    }
    [part~='toggle']:last-child {
      border-start-end-radius: var(--_radius);
      border-end-end-radius: var(--_radius);
      margin-inline-start: -0.0625em;
    }
    [aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 700;
    }
    .message {
      margin: 0;
      padding: var(--_m) 0;
    }
    .error p {
      margin-block: 0 var(--_s);
      color: var(--_danger);
    }
    .scroller {
      max-block-size: var(--linli-points-ranking-max-block-size, 28em);
      overflow: auto;
      overscroll-behavior: contain;
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: 700;
      padding-block-end: var(--_xs);
    }
    th,
    td {
      padding: 0.45em var(--_s);
      text-align: start;
      border-block-end: 0.0625em solid var(--_border);
      overflow-wrap: anywhere;
    }
    thead th {
      position: sticky;
      inset-block-start: 0;
      background: var(--_surface-alt);
      color: var(--_muted);
      font-weight: 600;
      white-space: nowrap;
    }
    tbody th {
      font-weight: 600;
    }
    .num,
    .rank {
      text-align: end;
      white-space: nowrap;
    }
    .rank {
      inline-size: 3em;
      text-align: center;
    }
    .note {
      margin: var(--_s) 0 0;
      color: var(--_muted);
    }
    @media (forced-colors: active) {
      [aria-pressed='true'] {
        background: Highlight;
        color: HighlightText;
      }
    }
  `,
];
