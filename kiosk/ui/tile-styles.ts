/** The big tiles of the home screen (公告, 登录 / 我的): a grid of accent-coloured buttons. */
import { css } from 'lit';
import { token } from '../../components/core/theme.ts';

export const tileStyles = css`
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
    gap: 32px;
  }
  .tile {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    justify-content: center;
    gap: 0.25em;
    min-block-size: 160px;
    padding: 1em;
    text-align: start;
    background: ${token('--linli-color-accent')};
    color: ${token('--linli-color-on-accent')};
  }
  .tile .name {
    font-size: 2em;
    line-height: 1.2;
  }
  .tile .hint {
    font-weight: 400;
  }
`;
