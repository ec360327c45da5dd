/**
 * DOM helpers for the sidebar. Everything that comes from the sheet or the server (column names, levels,
 * messages, findings, warnings) goes in as text — text nodes, `textContent`, `option.text` — never parsed as
 * markup, so a column named `<img src=x onerror=alert(1)>` shows literally.
 */

type Child = Node | string | null | undefined | false;

/**
 * A new element with attributes (set with setAttribute, so values are never markup) and children, where strings
 * become text nodes.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  append(node, ...children);
  return node;
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Removes every child of `node`. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Replaces `node`'s children with `children`. */
export function replaceChildren(node: Node, ...children: Child[]): void {
  clear(node);
  append(node, ...children);
}

/** Sets `node`'s text. */
export function setText(node: Node, text: string): void {
  node.textContent = text;
}

/** The element with `id`. @throws Error when the template lacks it (a build mistake, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`sidebar: #${id} is missing from the template`);
  return node as T;
}

/** A `<select>`'s options replaced by `values`, selecting `selected`; each option's label is set as text. */
export function fillSelect(select: HTMLSelectElement, values: readonly string[], selected: string | undefined): void {
  clear(select);
  for (const value of values) {
    const option = document.createElement('option');
    option.value = value;
    option.text = value;
    option.selected = value === selected;
    select.appendChild(option);
  }
}

/** A `<select>`'s options replaced by `choices` (value sent, label shown as text), selecting `selected`. */
export function fillChoices(
  select: HTMLSelectElement,
  choices: readonly { value: string; label: string }[],
  selected: string | undefined,
): void {
  clear(select);
  for (const choice of choices) {
    const option = document.createElement('option');
    option.value = choice.value;
    option.text = choice.label;
    option.selected = choice.value === selected;
    select.appendChild(option);
  }
}

/** A `<ul>`'s items replaced by one text item per line; hides the list (and `also`, e.g. its heading) when empty. */
export function fillList(list: HTMLElement, lines: readonly string[], also?: HTMLElement): void {
  replaceChildren(list, ...lines.map((line) => el('li', {}, line)));
  list.hidden = lines.length === 0;
  if (also) also.hidden = lines.length === 0;
}

/** A labelled checkbox: `<label class="check"><input type="checkbox"> text</label>`. */
export function checkbox(
  attrs: Record<string, string | boolean | undefined>,
  label: string,
): { label: HTMLLabelElement; input: HTMLInputElement } {
  const input = el('input', { type: 'checkbox', ...attrs });
  return { input, label: el('label', { class: 'check' }, input, label) };
}
