// Small DOM helpers. Everything is built with createElement and text nodes: no innerHTML, so data from the
// server can never become markup.

/** h('a', {href: '#/', class: 'x', onclick: fn}, 'text', childNode, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'for') {
      el.htmlFor = value;
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'required' || key === 'hidden') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the page content and moves focus to its heading, so keyboard and screen-reader users follow. */
export function render(main, ...children) {
  clear(main);
  append(main, children);
  const heading = main.querySelector('h1');
  // a title per page, for tabs, history and screen readers
  document.title = heading && heading.textContent ? `${heading.textContent} · Good Package Repo` : 'Good Package Repo';
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({preventScroll: true});
  }
}

let fieldIds = 0;

/** A labelled input with a place for its error message: returns {wrap, input, error, setError}. */
export function field(label, attrs = {}, hint = null) {
  const id = attrs.id || `f${++fieldIds}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const control = attrs.tag === 'textarea' || attrs.tag === 'select'
    ? h(attrs.tag, {...attrs, tag: null, id, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ')}, attrs.options || [])
    : h('input', {type: 'text', ...attrs, id, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ')});
  const error = h('p', {class: 'field-error', id: errorId, hidden: true});
  const wrap = h('div', {class: 'field'}, h('label', {for: id}, label), control,
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null, error);
  const setError = (message) => {
    error.textContent = message || '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  return {wrap, input: control, error, setError};
}

/** A message box: kind is 'error', 'ok', 'info' or 'warn'. Errors are announced (role=alert). */
export function notice(kind, ...content) {
  return h('div', {class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status'}, ...content);
}

export function emptyState(title, ...content) {
  return h('div', {class: 'empty'}, h('p', {class: 'empty-title'}, title), ...content);
}

/** A button that copies text to the clipboard and says so. */
export function copyButton(text, label = 'Copy') {
  const button = h('button', {type: 'button', class: 'btn btn-small', 'aria-label': `${label}: ${text.slice(0, 60)}`}, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch (e) {
      button.textContent = 'Select and copy';
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
  return button;
}

/** A command in a code block with its copy button. */
export function commandBlock(label, command) {
  return h('div', {class: 'command'},
    h('div', {class: 'command-head'}, h('span', {}, label), copyButton(command, 'Copy')),
    h('pre', {tabindex: '0'}, h('code', {}, command)));
}

export function formatBytes(n) {
  if (n === null || n === undefined || n === '' || Number.isNaN(Number(n))) return '—';
  let value = Number(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function time(iso) {
  return h('time', {datetime: iso || ''}, formatTime(iso));
}

export function table(caption, headers, rows) {
  // "… table": the scrollable region must not share its name with the section around it (landmark-unique)
  return h('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${caption} table`},
    h('table', {},
      h('caption', {class: 'sr-only'}, caption),
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', {scope: 'col'}, x || 'Actions')))),
      h('tbody', {}, rows)));
}

/** A data cell with its column name, shown as a label when the table stacks on narrow screens. */
export function td(label, ...content) {
  return h('td', {'data-label': label}, ...content);
}
