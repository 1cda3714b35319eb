/*
 * A few lines of DOM building. Text from the server only ever goes in as text nodes
 * (textContent): nothing here parses HTML.
 */

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    e.setAttribute(name, value === true ? '' : value);
  }
  append(e, ...children);
  return e;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(e: Element): void {
  while (e.firstChild) e.removeChild(e.firstChild);
}

/** Replaces what {@code e} holds. */
export function replace(e: Element, ...children: Child[]): void {
  clear(e);
  append(e, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error('#' + id + ' is missing from the page');
  return e as T;
}

/** Moves focus to a heading or panel that is not focusable by itself. */
export function focusBlock(e: HTMLElement): void {
  if (!e.hasAttribute('tabindex')) e.setAttribute('tabindex', '-1');
  e.focus();
}
