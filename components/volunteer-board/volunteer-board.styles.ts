import { css } from 'lit';
import { accountWidgetStyles } from '../core/account-styles.ts';
import { baseStyles } from '../core/theme.ts';

export const volunteerBoardStyles = [
  baseStyles,
  accountWidgetStyles,
  css`
    .activities {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20em), 1fr));
      gap: var(--_m);
    }
    .activity {
      display: grid;
      gap: var(--_xs);
      align-content: start;
      padding: var(--_m);
      border: 0.0625em solid var(--_border);
      border-radius: var(--_radius);
    }
    .activity h3 {
      margin: 0;
      font-size: var(--_large);
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .activity p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .when {
      font-weight: 600;
    }
    .muted {
      color: var(--_muted);
    }
    .places {
      color: var(--_accent);
      font-weight: 600;
    }
    img {
      inline-size: 100%;
      aspect-ratio: 16 / 9;
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      object-fit: cover;
    }
    .sign-up {
      justify-self: stretch;
      margin-block-start: var(--_s);
    }
  `,
];
