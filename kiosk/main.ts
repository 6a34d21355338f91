/**
 * Kiosk entry: page-level styles (as a constructable sheet, so a strict CSP works), persistent
 * storage, and the app element. The API base is `/api` on this origin, or `?api=` in the URL.
 */
import { css } from 'lit';
import './define.ts';

const pageSheet = css`
  html,
  body {
    margin: 0;
    background: #ffffff;
    color: #1a1a1a;
    font-family: system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
    overflow-x: hidden;
  }
`.styleSheet;
if (pageSheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];

// Ask the browser not to evict the replica and the outbox under storage pressure.
void navigator.storage?.persist?.().catch(() => false);

if (!document.querySelector('linli-kiosk-app')) document.body.append(document.createElement('linli-kiosk-app'));
