type Attrs = Record<string, string | number | boolean | null | undefined>
type Child = Node | string | null | undefined | false

/**
 * Create an element. Strings become text nodes and attributes go through
 * `setAttribute`, so text from the server or other participants is never
 * parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true)
      el.setAttribute(name, '')
    else if (value !== false && value !== null && value !== undefined)
      el.setAttribute(name, String(value))
  }
  append(el, ...children)
  return el
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child)
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child)
  }
}

/** `replaceChildren`, which iOS 13 lacks. */
export function replace(parent: HTMLElement, ...children: Child[]): void {
  parent.textContent = ''
  append(parent, ...children)
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id)
  if (!el)
    throw new Error(`#${id} is missing from the page`)
  return el as T
}

/** Replace an element's text; a no-op when unchanged, so live regions do not repeat. */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text)
    el.textContent = text
}

let counter = 0
export const uid = (prefix: string): string => `${prefix}-${++counter}`
