/**
 * Hostile notice content shared by the XSS tests of the notice board widget
 * (tests/components/xss.test.ts) and of the kiosk (tests/kiosk/xss.test.ts). Every payload sets
 * window.__xss (or parent.__xss from a frame) if it ever runs.
 */

declare global {
  interface Window {
    __xss?: number;
  }
}

export const PAYLOADS: string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<iframe src="javascript:parent.__xss=1"></iframe>',
  '[click](javascript:window.__xss=1)',
  '[click](JaVaScRiPt:window.__xss=1)',
  '[click]( javascript:window.__xss=1 )',
  '[click](java\tscript:window.__xss=1)',
  '[click](&#106;avascript:window.__xss=1)',
  '[click](&#x6A;&#x61;vascript&colon;window.__xss=1)',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:window.__xss=1)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIj48L3N2Zz4=)',
  '![x](x" onerror="window.__xss=1)',
  '![x](https://img.example/a.png "t\\" onerror=\\"window.__xss=1")',
  '<a href="javascript:window.__xss=1">x</a>',
  '<a href="&#x6A;avascript:window.__xss=1">x</a>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '<div style="width: expression(window.__xss=1)">x</div>',
  '<template><img src=x onerror="window.__xss=1"></template>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=window.__xss=1 src=1>">',
  '<details open ontoggle="window.__xss=1"><summary>x</summary></details>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<body onload="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '<img src="x" onerror="&#119;indow.__xss=1">',
  '<svg><a xlink:href="javascript:window.__xss=1"><text y="20">x</text></a></svg>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<<script>script>window.__xss=1<</script>/script>',
  '<style>@import "javascript:window.__xss=1";</style>',
  '<base href="javascript:window.__xss=1//">',
  '`<img src=x onerror=window.__xss=1>`',
  '<javascript:window.__xss=1>',
  '<img src=1 onerror=window.__xss=1 <!-- -->',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '%3Cscript%3Ewindow.__xss=1%3C/script%3E <img src=x onerror=window.__xss=1>',
];

export const BAD_IMAGE_URLS = [
  'javascript:window.__xss=1',
  'data:image/svg+xml,<svg onload="window.__xss=1">',
  '" onerror="window.__xss=1',
  'vbscript:msgbox(1)',
  '//evil.example/x.png',
  ' javascript:window.__xss=1',
];
