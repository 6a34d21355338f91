import { css } from 'lit';

/** The booking flow's own styles (choices, the price breakdown, my bookings), next to the shared flow styles. */
export const bookingFlowStyles = css`
  fieldset {
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_s) var(--_m);
    display: grid;
    gap: var(--_xs);
    inline-size: min(100%, 28em);
  }
  legend {
    font-weight: 600;
    padding-inline: var(--_xs);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_s);
    min-block-size: var(--_target);
    margin: 0;
    font-weight: 400;
  }
  .choice input {
    inline-size: 1.25em;
    block-size: 1.25em;
    min-block-size: 0;
    margin: 0;
  }
  select {
    font: inherit;
    min-block-size: var(--_target);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .breakdown {
    border-collapse: collapse;
    min-inline-size: min(100%, 18em);
    font-variant-numeric: tabular-nums;
  }
  .breakdown caption {
    text-align: start;
    font-weight: 600;
  }
  .breakdown th,
  .breakdown td {
    padding: var(--_xs) var(--_s);
    border-block-end: 0.0625em solid var(--_border);
    text-align: start;
    font-weight: 400;
  }
  .breakdown td {
    text-align: end;
  }
  .breakdown .to-pay th,
  .breakdown .to-pay td {
    font-weight: 700;
    font-size: var(--_large);
    color: var(--_accent);
  }
`;
