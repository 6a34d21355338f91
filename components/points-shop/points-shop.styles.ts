import { css } from 'lit';
import { accountWidgetStyles } from '../core/account-styles.ts';
import { baseStyles } from '../core/theme.ts';

export const pointsShopStyles = [
  baseStyles,
  accountWidgetStyles,
  css`
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
    .redeem {
      grid-column: 1 / -1;
      justify-self: stretch;
    }
  `,
];
