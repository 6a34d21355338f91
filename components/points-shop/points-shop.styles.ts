import { css } from 'lit';
import { baseStyles } from '../core/theme.ts';

export const pointsShopStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      background: var(--_surface);
      /* Text people read is never below 16 px, even on a site with a 14 px body. */
      font-size: max(var(--linli-font-size-base, 1em), 16px);
    }
    .message {
      margin: 0;
      padding-block: var(--_m);
    }
    .error p {
      margin-block: 0 var(--_s);
      color: var(--_danger);
    }
    .account {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_s) var(--_m);
      padding: var(--_m);
      margin-block-end: var(--_m);
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .account > p {
      margin: 0;
      flex: 1 1 14em;
    }
    .account > ul,
    .account > h3 {
      flex-basis: 100%;
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 17em), 1fr));
      gap: var(--_m);
    }
    .item {
      display: grid;
      grid-template-columns: var(--linli-points-shop-photo-size, 5em) 1fr;
      grid-template-rows: 1fr auto;
      gap: var(--_s) var(--_m);
      padding: var(--_m);
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
    }
    img,
    .no-photo {
      inline-size: var(--linli-points-shop-photo-size, 5em);
      block-size: var(--linli-points-shop-photo-size, 5em);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      object-fit: cover;
    }
    .info {
      min-inline-size: 0;
    }
    h3 {
      margin: 0;
      font-size: 1.125em;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .desc {
      margin: var(--_xs) 0 0;
      color: var(--_muted);
      overflow-wrap: anywhere;
    }
    .meta {
      margin: var(--_xs) 0 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_m);
    }
    .cost {
      color: var(--_accent);
    }
    .badge {
      padding-inline: 0.35em;
      border: 0.0625em solid currentColor;
      border-radius: var(--_radius);
      background: var(--_pinned);
      color: var(--_on-pinned);
      font-weight: 700;
    }
    .redeem {
      grid-column: 1 / -1;
      justify-self: stretch;
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
    }
  `,
];
