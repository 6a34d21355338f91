import { css } from 'lit';

/**
 * Styles every resident flow shares (the points shop's, the meal booking's, the volunteer
 * board's): panels, the phone + PIN form, alerts, the who-line. Adopted with the flow's own.
 */
export const residentFlowStyles = css`

  .flow {
    display: grid;
    gap: var(--_s);
    justify-items: start;
  }
  .flow > * {
    margin: 0;
    max-inline-size: 100%;
  }
  .flow h3 {
    font-size: var(--_large);
    line-height: 1.3;
  }
  /* Headings and alerts take focus only to guide screen readers between steps: no ring. */
  .flow h3:focus,
  .error:focus,
  [data-focus]:focus {
    outline: none;
  }
  form {
    display: grid;
    gap: var(--_xs);
    inline-size: min(100%, 20em);
  }
  label {
    font-weight: 600;
    margin-block-start: var(--_s);
  }
  .hint {
    font-weight: 400;
    color: var(--_muted);
  }
  input {
    font: inherit;
    font-size: 1.25em;
    letter-spacing: 0.08em;
    min-block-size: var(--_target);
    inline-size: 100%;
    padding-inline: var(--_s);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input[aria-invalid='true'] {
    border: 0.125em solid var(--_danger);
  }
  .invalid,
  .error p {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .error {
    display: grid;
    gap: var(--_s);
    justify-items: start;
    padding: var(--_s) var(--_m);
    border-inline-start: 0.25em solid var(--_danger);
    background: var(--_surface-alt);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s) var(--_m);
    margin-block-start: var(--_s);
  }
  .sum {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_xs) var(--_m);
    font-variant-numeric: tabular-nums;
  }
  .sum dt {
    color: var(--_muted);
  }
  .sum dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .sum .after {
    font-size: var(--_large);
    color: var(--_accent);
  }
  .busy:empty {
    display: none;
  }
  .busy {
    color: var(--_muted);
  }
  .who,
  .balance {
    margin: 0;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_s);
  }
  .who span {
    color: var(--_muted);
  }
  .balance strong {
    font-size: var(--_large);
    color: var(--_accent);
    font-variant-numeric: tabular-nums;
  }
  .pending-title {
    margin: 0;
    font-size: 1em;
  }
  .pending-list {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  /* A resident's own bookings or sign-ups in the account bar. */
  .mine {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_s);
  }
  .mine li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_xs) var(--_m);
  }
  .notice {
    margin: 0;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .error {
      border-color: CanvasText;
    }
  }
`;
