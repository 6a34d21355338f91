/**
 * Global design tokens. Components read them as `var(--linli-…, <default>)`, so a webmaster sets
 * any of them on the element or an ancestor and everything else keeps its default. Sizes are in
 * `em` so widgets follow the host's font size (browser zoom, WeChat's text size).
 *
 * Default text colours reach 7:1 against both surfaces (WCAG AAA); tests check the arithmetic.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

export const TOKENS = {
  '--linli-color-text': '#1a1a1a',
  '--linli-color-text-muted': '#474747',
  '--linli-color-surface': '#ffffff',
  '--linli-color-surface-alt': '#f2f3f5',
  '--linli-color-accent': '#0b4a8b',
  '--linli-color-on-accent': '#ffffff',
  '--linli-color-pinned': '#8a1c1c',
  '--linli-color-on-pinned': '#ffffff',
  '--linli-color-danger': '#8a1c1c',
  /** Borders and outlines: non-text, 3:1 is enough. */
  '--linli-color-border': '#6b6b6b',
  '--linli-space-xs': '0.25em',
  '--linli-space-s': '0.5em',
  '--linli-space-m': '0.75em',
  '--linli-space-l': '1.25em',
  '--linli-font-size-base': '1em',
  '--linli-font-size-small': '0.875em',
  '--linli-font-size-large': '1.25em',
  '--linli-font-size-title': '1.375em',
  '--linli-radius': '0.375em',
  '--linli-focus-ring': '0.1875em solid #0b4a8b',
  /** The smallest touch target (WCAG 2.5.5 AAA is 44 CSS px at the default 16 px). */
  '--linli-target-size': '2.75em',
} as const;
// Also read by the widgets, outside this table: --linli-line-height (default 1.5), the line
// height inside a widget, which a page's own `* { line-height }` reset cannot change.

export type TokenName = keyof typeof TOKENS;

/** `var(--linli-…, default)` for use inside a component's css`` (the kiosk's screens use it). */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(${name}, ${TOKENS[name]})`);
}

function declarations(values: Partial<Record<TokenName, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
}

/** The kiosk scale: 24 px body text and 64 px targets. */
export const KIOSK_TOKENS: Partial<Record<TokenName, string>> = {
  '--linli-font-size-base': '24px',
  '--linli-target-size': '64px',
  '--linli-space-s': '0.625em',
  '--linli-space-m': '1em',
  '--linli-space-l': '1.5em',
};

/** A high-contrast theme: black on white, pure blue accent, thick focus ring. */
export const HIGH_CONTRAST_TOKENS: Partial<Record<TokenName, string>> = {
  '--linli-color-text': '#000000',
  '--linli-color-text-muted': '#000000',
  '--linli-color-surface': '#ffffff',
  '--linli-color-surface-alt': '#ffffff',
  '--linli-color-accent': '#00008b',
  '--linli-color-border': '#000000',
  '--linli-focus-ring': '0.25em solid #000000',
};

/**
 * A dark theme for websites with a dark design (or `prefers-color-scheme: dark`): light text on
 * near-black; every text pair still reaches 7:1 (text 15.6:1, muted 10.4:1, accent 10:1).
 */
export const DARK_TOKENS: Partial<Record<TokenName, string>> = {
  '--linli-color-text': '#f2f2f2',
  '--linli-color-text-muted': '#c8c8c8',
  '--linli-color-surface': '#161a1f',
  '--linli-color-surface-alt': '#232a31',
  '--linli-color-accent': '#9cc7ff',
  '--linli-color-on-accent': '#0b1a2b',
  '--linli-color-pinned': '#ffb4a8',
  '--linli-color-on-pinned': '#2b0a06',
  '--linli-color-danger': '#ffb4a8',
  '--linli-color-border': '#8c959f',
  '--linli-focus-ring': '0.1875em solid #9cc7ff',
};

/**
 * The kiosk's dark high-contrast theme (高对比度): white and yellow on black, black on yellow
 * buttons, a thick cyan focus ring. Every text pair reaches 7:1 (most 15:1 or more).
 */
export const KIOSK_HIGH_CONTRAST_TOKENS: Partial<Record<TokenName, string>> = {
  '--linli-color-text': '#ffffff',
  '--linli-color-text-muted': '#ffffff',
  '--linli-color-surface': '#000000',
  '--linli-color-surface-alt': '#1a1a1a',
  '--linli-color-accent': '#ffff00',
  '--linli-color-on-accent': '#000000',
  '--linli-color-pinned': '#ffff00',
  '--linli-color-on-pinned': '#000000',
  '--linli-color-danger': '#ff9999',
  '--linli-color-border': '#ffffff',
  '--linli-focus-ring': '0.3125em solid #00ffff',
};

/**
 * Kiosk body text sizes in CSS px: the default and three enlargement steps (字号). The kiosk sets
 * `--linli-font-size-base` to one of them at its root, so every screen and widget inside follows.
 */
export const KIOSK_TEXT_STEPS_PX = [24, 28, 32, 36] as const;

/** `selector { --linli-…: …; }` for a token set, e.g. a theme switched by an attribute on a host. */
export function tokenRule(selector: string, values: Partial<Record<TokenName, string>>): CSSResult {
  return unsafeCSS(`${selector} { ${declarations(values)} }`);
}

/**
 * A stylesheet a host adopts (document.adoptedStyleSheets, or its own static styles) to apply a
 * token set at `:root` or at its `:host`. Constructable sheets keep a strict CSP happy.
 */
export function themeStyles(values: Partial<Record<TokenName, string>>): CSSResult {
  const decls = declarations(values);
  return unsafeCSS(`:root { ${decls} } :host { ${decls} }`);
}

/**
 * Shared rules every widget's shadow root starts from. (A host page's own CSS still reaches the
 * host element — a CMS reset such as `* { box-sizing: content-box; line-height: 1 }` beats the
 * :host rules — so the shadow tree sets box-sizing and line-height itself instead of inheriting
 * them from the host. Comments stay out of the css`` below: they would ship in every widget.) Each global token is read once into a
 * short private property (`--_accent`…) with its default; component rules use the private names.
 * The defaults repeat TOKENS above (a test checks they agree) so that the table itself need not
 * ship in every widget.
 */
export const baseStyles = css`
  :host {
    --_text: var(--linli-color-text, #1a1a1a);
    --_muted: var(--linli-color-text-muted, #474747);
    --_surface: var(--linli-color-surface, #ffffff);
    --_surface-alt: var(--linli-color-surface-alt, #f2f3f5);
    --_accent: var(--linli-color-accent, #0b4a8b);
    --_on-accent: var(--linli-color-on-accent, #ffffff);
    --_pinned: var(--linli-color-pinned, #8a1c1c);
    --_on-pinned: var(--linli-color-on-pinned, #ffffff);
    --_danger: var(--linli-color-danger, #8a1c1c);
    --_border: var(--linli-color-border, #6b6b6b);
    --_xs: var(--linli-space-xs, 0.25em);
    --_s: var(--linli-space-s, 0.5em);
    --_m: var(--linli-space-m, 0.75em);
    --_l: var(--linli-space-l, 1.25em);
    --_small: var(--linli-font-size-small, 0.875em);
    --_large: var(--linli-font-size-large, 1.25em);
    --_title: var(--linli-font-size-title, 1.375em);
    --_radius: var(--linli-radius, 0.375em);
    --_ring: var(--linli-focus-ring, 0.1875em solid #0b4a8b);
    --_target: var(--linli-target-size, 2.75em);
    box-sizing: border-box;
    font-size: var(--linli-font-size-base, 1em);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  :host > * {
    line-height: var(--linli-line-height, 1.5);
  }
  button {
    font: inherit;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding-block: var(--_xs);
    padding-inline: var(--_m);
    border: 0.0625em solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
    touch-action: manipulation;
    /* Controls are not text to select (a long press must not start a selection). */
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    border-style: dashed;
    /* Also for .primary: muted text on the accent colour would be unreadable. */
    background: var(--_surface);
    color: var(--_muted);
    border-color: var(--_muted);
  }
  :focus-visible {
    outline: var(--_ring);
    outline-offset: 0.125em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
