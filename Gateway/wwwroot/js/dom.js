// h('tag', { attrs }, children...) builds elements; text is always set as text, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let counter = 0;
export function uid(prefix) { counter += 1; return `${prefix}-${counter}`; }

/** A labelled form field: label, input and an optional hint bound by aria-describedby. */
export function field(label, input, hint) {
  const id = input.id || uid('f');
  input.id = id;
  const parts = [h('label', { for: id }, label), input];
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { id: hintId, class: 'hint' }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

export function replace(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

/** A table that may scroll sideways on a phone: a labelled region reachable by keyboard (Tab, then arrow keys). */
export function scrollTable(label, table) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': label }, table);
}
