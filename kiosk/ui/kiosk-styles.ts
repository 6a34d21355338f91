/**
 * The kiosk scale and the rules every kiosk screen shares: body text from the kiosk's text-size
 * token (24 px by default; 28, 32 or 36 px when a resident enlarges it), 64 px targets with room
 * between them, 7:1 text contrast, logical properties only, nothing wider than the screen.
 *
 * The app sets `--linli-font-size-base` and the colour tokens once at its root (theme.ts:
 * KIOSK_TEXT_STEPS_PX, KIOSK_HIGH_CONTRAST_TOKENS); screens and the embedded widgets inherit them,
 * so text size and high contrast are themes, not forks of components. Screens therefore must not
 * set those tokens themselves — only the size-free part of the kiosk scale is repeated here, so a
 * screen rendered on its own still looks right.
 */
import { css } from 'lit';
import { baseStyles, KIOSK_TOKENS, themeStyles, token, type TokenName } from '../../components/core/theme.ts';

/** The kiosk scale without the base font size (that one is the app's text-size token). */
const SCALE_WITHOUT_TEXT_SIZE: Partial<Record<TokenName, string>> = Object.fromEntries(
  Object.entries(KIOSK_TOKENS).filter(([name]) => name !== '--linli-font-size-base'),
);

export const kioskTokens = themeStyles(SCALE_WITHOUT_TEXT_SIZE);

export const kioskStyles = [
  baseStyles,
  kioskTokens,
  css`
    :host {
      /* Nothing smaller than body text at the kiosk: the widgets' "small" text stays body size. */
      --linli-font-size-small: 1em;
      display: block;
      font-size: var(--linli-font-size-base, 24px);
      line-height: 1.5;
      overflow-wrap: anywhere;
      max-inline-size: 100%;
      /* Pan and scroll, but no pinch or double-tap zoom. */
      touch-action: pan-x pan-y;
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
      max-inline-size: 100%;
      overflow-wrap: anywhere;
    }
    button:disabled {
      /* Readable when disabled, primary or not: body-coloured text on the surface, dashed border. */
      background: ${token('--linli-color-surface')};
      color: ${token('--linli-color-text-muted')};
      border-color: ${token('--linli-color-text-muted')};
      border-style: dashed;
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
