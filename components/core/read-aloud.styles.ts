import { css } from 'lit';
import { baseStyles } from './theme.ts';

export const readAloudStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: var(--_xs);
    }
    button.speaking {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    @media (forced-colors: active) {
      button.speaking {
        outline: 0.125em solid ButtonText;
      }
    }
  `,
];
