import type { VNode, VNodeChild } from 'vue'
import { h } from 'vue'

/**
 * Inline marks the sources use: `code` and *italics*. Everything else is text,
 * which Vue escapes when it renders.
 */
export function inline(text: string): VNodeChild[] {
  const out: VNodeChild[] = []
  const pattern = /`([^`]+)`|\*([^*]+)\*/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    if (match.index > last)
      out.push(text.slice(last, match.index))
    if (match[1] !== undefined)
      out.push(h('code', match[1]))
    else
      out.push(h('em', match[2]))
    last = match.index + match[0].length
  }
  if (last < text.length)
    out.push(text.slice(last))
  return out
}

export function paragraph(text: string, className?: string): VNode {
  return h('p', { class: className }, inline(text))
}

export function bullets(items: readonly string[], className?: string): VNode {
  return h('ul', { class: className }, items.map(item => h('li', inline(item))))
}

export interface Column {
  label: string
  className?: string
}

export function dataTable(columns: readonly Column[], rows: readonly VNode[], caption?: string, className?: string): VNode {
  return h('table', { class: ['data', className] }, [
    caption ? h('caption', { class: 'muted small', style: 'text-align:left;caption-side:bottom;padding-top:1mm' }, caption) : null,
    h('thead', h('tr', columns.map(column => h('th', { class: column.className }, column.label)))),
    h('tbody', [...rows]),
  ])
}

/** A two-column table of labels and values. */
export function keyValues(rows: ReadonlyArray<readonly [string, string]>): VNode {
  return h('table', { class: 'data kv' }, h('tbody', rows.map(([label, value]) => h('tr', [h('th', label), h('td', inline(value))]))))
}

/** Typographic quotes and apostrophes for text typed with straight ones. */
export function smartQuotes(text: string): string {
  return text
    .replace(/(\p{L})'/gu, '$1’')
    .replace(/'(\p{L})/gu, '‘$1')
    .replace(/"(\S)/g, '“$1')
    .replace(/"/g, '”')
}

export function cells(values: ReadonlyArray<VNodeChild>, columns: readonly Column[]): VNode[] {
  return values.map((value, index) => h('td', { class: columns[index]?.className }, [value]))
}

export interface CoverOptions {
  kicker: string
  title: string
  subtitle: string
  meta: Array<[string, string]>
  contents: string[]
}

export function cover(options: CoverOptions): VNode {
  return h('section', { class: 'cover' }, [
    h('div', { class: 'cover-kicker' }, options.kicker),
    h('h1', options.title),
    h('div', { class: 'cover-subtitle' }, options.subtitle),
    options.meta.length
      ? h('table', { class: 'cover-meta' }, h('tbody', options.meta.map(([label, value]) => h('tr', [h('th', label), h('td', value)]))))
      : null,
    options.contents.length
      ? h('nav', { class: 'cover-contents' }, [h('h4', 'Contents'), h('ol', options.contents.map(item => h('li', item)))])
      : null,
  ])
}

/** A whole HTML document: the `<title>` becomes the PDF's title metadata. */
export function htmlDocument(options: { title: string, css: string, body: VNodeChild[] }): VNode {
  return h('html', { lang: 'en' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', options.title),
      h('style', { innerHTML: options.css }),
    ]),
    h('body', options.body),
  ])
}
