/**
 * The only way the app builds DOM: elements from a tag, properties and children, where every
 * string child becomes a text node. Nothing here (or anywhere in the app) assigns innerHTML, so
 * user content is always shown as text, never parsed as markup.
 *
 *   h('button', { class: 'primary', type: 'submit', onclick: send, 'aria-label': 'Send' }, 'Send')
 *
 * Properties: `class` (string or array, falsy entries skipped), `on<event>` handlers,
 * `dataset` (object), boolean attributes (true sets, false omits), everything else as an
 * attribute. Children: strings, numbers, nodes, arrays of them; null, undefined and false are
 * skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'value' || key === 'checked') {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An SVG element (icons); attributes only, no user content ever goes here. */
export function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    element.setAttribute(key, String(value));
  }
  children.forEach((child) => element.append(child));
  return element;
}
