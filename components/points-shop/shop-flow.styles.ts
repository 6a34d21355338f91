import { css } from 'lit';

/** The redeem flow's own styles (the voucher and its QR code), next to the shared flow styles. */
export const shopFlowStyles = css`
  .voucher {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_m);
    padding: var(--_m);
    border: 0.125em dashed var(--_accent);
    border-radius: var(--_radius);
  }
  .code {
    margin: 0;
    display: grid;
  }
  .code strong {
    font-size: 2em;
    letter-spacing: 0.15em;
    line-height: 1.2;
  }
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }
  .qr svg {
    display: block;
    inline-size: 8em;
    block-size: 8em;
  }
  @media (forced-colors: active) {
    .voucher {
      border-color: CanvasText;
    }
  }
`;
