import { css } from 'lit';
import { accountWidgetStyles } from '../core/account-styles.ts';
import { baseStyles } from '../core/theme.ts';

export const mealBookingStyles = [
  baseStyles,
  accountWidgetStyles,
  css`
    .range,
    .muted {
      color: var(--_muted);
      font-size: var(--_small);
      font-weight: 400;
    }
    .days {
      display: grid;
      gap: var(--_l);
    }
    .day h3 {
      margin: 0 0 var(--_s);
      font-size: var(--_large);
      line-height: 1.3;
    }
    .meals {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
      gap: var(--_m);
    }
    .meal {
      display: grid;
      gap: var(--_s);
      align-content: start;
      padding: var(--_m);
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
    }
    .meal h4 {
      margin: 0;
      font-size: 1.125em;
    }
    .seats,
    .set-head,
    .muted {
      margin: 0;
    }
    .seats {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_m);
    }
    .sets,
    .dishes {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_s);
    }
    .set {
      padding-block-start: var(--_s);
      border-block-start: 0.0625em solid var(--_border);
    }
    .set-head {
      display: flex;
      justify-content: space-between;
      gap: var(--_m);
    }
    .price {
      color: var(--_accent);
      font-variant-numeric: tabular-nums;
    }
    .dish {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_xs) var(--_s);
      overflow-wrap: anywhere;
    }
    .dish-name {
      font-weight: 600;
    }
    img {
      inline-size: var(--linli-meal-booking-photo-size, 3.5em);
      block-size: var(--linli-meal-booking-photo-size, 3.5em);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      object-fit: cover;
    }
    .tags {
      display: inline-flex;
      flex-wrap: wrap;
      gap: var(--_xs);
    }
    .tag,
    .health {
      padding-inline: 0.35em;
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
      font-size: var(--_small);
    }
    /* The words say it; the mark before them only repeats it in colour. */
    .health::before {
      content: '';
      display: inline-block;
      inline-size: 0.7em;
      block-size: 0.7em;
      margin-inline-end: 0.25em;
      border-radius: 50%;
      border: 0.0625em solid var(--_text);
    }
    .health.red::before {
      background: #c62828;
    }
    .health.amber::before {
      background: #f9a825;
    }
    .health.green::before {
      background: #2e7d32;
    }
    .book {
      justify-self: stretch;
    }
    @media (forced-colors: active) {
      .badge,
      .health::before {
        border-color: CanvasText;
        forced-color-adjust: none;
      }
    }
  `,
];
