// The webmaster docs page: choices → the snippet to paste and a live preview of the same widget.
// The preview element is built with createElement/setAttribute and the snippet is text, so nothing
// typed into the form is ever parsed as HTML.
/* global navigator, window, URL */
const form = document.getElementById('choices');
const snippet = document.getElementById('snippet');
const preview = document.getElementById('preview');
const events = document.getElementById('events');
const copied = document.getElementById('copied');

form.elements.api.value = new URL('/api', location.href).href;

/** Token declarations of a theme, read from linli-themes.css (the one copy of the values). */
function themeDeclarations(theme) {
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of rules) {
      if (rule.selectorText === `.linli-theme-${theme}`) {
        return [...rule.style].filter((p) => p.startsWith('--linli-')).map((p) => `${p}: ${rule.style.getPropertyValue(p).trim()};`);
      }
    }
  }
  return [];
}

function choices() {
  const f = form.elements;
  const widget = f.widget.value;
  const attrs = [
    ['api', f.api.value.trim()],
    ['station', f.station.value.trim()],
  ];
  if (widget === 'notice-board') {
    const boards = [...form.querySelectorAll('input[name="board"]:checked')].map((b) => b.value);
    if (boards.length > 0) attrs.push(['board', boards.join(',')]);
  }
  if (widget === 'notice-board' || widget === 'points-ranking') attrs.push(['limit', String(Math.max(0, Math.min(50, Number(f.limit.value) || 0)))]);
  if (widget === 'points-ranking') attrs.push(['period', f.period.value]);
  if (f.lang.value) attrs.push(['lang', f.lang.value]);
  return { widget, attrs, theme: f.theme.value };
}

const quote = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function update() {
  const { widget, attrs, theme } = choices();
  const tag = `linli-${widget}`;
  for (const el of form.querySelectorAll('[data-for]')) el.hidden = !el.dataset.for.split(' ').includes(widget);

  const server = new URL(form.elements.api.value || '/api', location.href).origin;
  const lines = [`<script type="module" src="${quote(server)}/widgets/${tag}.js"></script>`];
  const declarations = theme ? themeDeclarations(theme) : [];
  if (declarations.length > 0) {
    lines.push(`<style>/* 主题（也可放进网站的样式表） */`, `  ${tag} {`, ...declarations.map((d) => `    ${d}`), '  }', '</style>');
  }
  lines.push(`<${tag}\n${attrs.map(([k, v]) => `  ${k}="${quote(v)}"`).join('\n')}></${tag}>`);
  snippet.textContent = lines.join('\n');

  const el = document.createElement(tag);
  for (const [k, v] of attrs) el.setAttribute(k, v);
  preview.className = theme ? `preview linli-theme-${theme}` : 'preview';
  preview.replaceChildren(el);
}

for (const type of ['linli-notice-open', 'linli-notice-close', 'linli-ranking-change', 'linli-signed-in', 'linli-redeemed', 'linli-redemption-cancelled', 'linli-meal-booked', 'linli-meal-cancelled', 'linli-volunteer-signed-up', 'linli-volunteer-cancelled', 'linli-signed-out']) {
  preview.addEventListener(type, (e) => {
    events.textContent = `${type} ${JSON.stringify(e.detail ?? null)}`;
  });
}

form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (e) => e.preventDefault());
document.getElementById('copy').addEventListener('click', () => {
  navigator.clipboard?.writeText(snippet.textContent).then(
    () => (copied.textContent = '已复制'),
    () => (copied.textContent = '请手动选中复制'),
  );
});
// For tests and curious webmasters: the page's state is plain DOM, nothing hidden.
window.linliEmbedDocs = { update };
update();
