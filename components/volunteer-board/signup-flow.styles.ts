import { css } from 'lit';

/** The sign-up flow's own styles (the overlap warning, my activities), next to the shared flow styles. */
export const signUpFlowStyles = css`
  .warning {
    margin: 0;
    padding: var(--_s) var(--_m);
    border-inline-start: 0.25em solid var(--_accent);
    background: var(--_surface-alt);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .warning {
      border-color: CanvasText;
    }
  }
`;
