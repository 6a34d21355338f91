import { css } from 'lit';

/**
 * What the widgets with a resident's account share (the points shop, the meal booking, the
 * volunteer board): the host box, messages, the account bar, the 已满 / 已截止 badges and the panel
 * shown while a flow loads.
 */
export const accountWidgetStyles = css`
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
  .title {
    margin: 0 0 var(--_m);
    font-size: var(--_title);
    line-height: 1.3;
  }
  .badge {
    padding-inline: 0.35em;
    border: 0.0625em solid currentColor;
    border-radius: var(--_radius);
    background: var(--_pinned);
    color: var(--_on-pinned);
    font-weight: 700;
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
`;
