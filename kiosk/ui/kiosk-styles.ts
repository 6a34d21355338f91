/**
 * The kiosk scale and the rules every kiosk screen shares: 24 px body text, 64 px targets with
 * room between them, 7:1 text contrast, logical properties only, nothing wider than the screen.
 * The scale is the shared theme's kiosk token set (components/core/theme.ts), so the embedded
 * widgets inside the kiosk grow with it.
 */
import { css } from 'lit';
import { baseStyles, KIOSK_TOKENS, themeStyles, token } from '../../components/core/theme.ts';

export const kioskTokens = themeStyles(KIOSK_TOKENS);

export const kioskStyles = [
  baseStyles,
  kioskTokens,
  css`
    :host {
      /* Nothing smaller than body text at the kiosk: the widgets' "small" text stays 24 px. */
      --linli-font-size-small: 1em;
      display: block;
      font-size: 24px;
      line-height: 1.5;
      overflow-wrap: anywhere;
      max-inline-size: 100%;
    }
    h1,
    h2,
    h3 {
      line-height: 1.3;
      margin-block: 0 ${token('--linli-space-m')};
    }
    h1 {
      font-size: 1.5em;
    }
    h2 {
      font-size: 1.25em;
    }
    p {
      margin-block: 0 ${token('--linli-space-m')};
    }
    button {
      min-block-size: 64px;
      min-inline-size: 64px;
      padding-inline: 1em;
      font-size: 1em;
      border-width: 3px;
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      margin-block: ${token('--linli-space-m')};
    }
    .error {
      color: ${token('--linli-color-danger')};
      font-weight: 600;
    }
    .muted {
      color: ${token('--linli-color-text-muted')};
    }
    label {
      display: block;
      font-weight: 600;
    }
    input,
    textarea,
    select {
      font: inherit;
      font-size: 1em;
      min-block-size: 64px;
      inline-size: 100%;
      padding-inline: 0.5em;
      border: 3px solid ${token('--linli-color-border')};
      border-radius: ${token('--linli-radius')};
      color: ${token('--linli-color-text')};
      background: ${token('--linli-color-surface')};
    }
    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border-color: ${token('--linli-color-danger')};
    }
  `,
];
