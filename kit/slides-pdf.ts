import type { PDFRef } from 'pdf-lib'
import type { Talk } from '../core/talk/deck'
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber } from 'pdf-lib'
import { slidesInVariant } from '../core/talk/deck'
import { writeAtomically } from './render-pdf'

/**
 * Slidev's PDF carries the first slide's title and its `info:` text as the
 * subject, and no bookmarks. This gives it a title a reader's tab shows, a
 * plain subject, the language, and bookmarks: one per section of the talk,
 * each opening onto its slides. Pages map to slides through the Talk read
 * from the same deck file: page n is the variant's slide n, as Slidev hides
 * the slides the variant leaves out.
 */

export interface SlidesPdfInfo {
  /** The deck's title (its headmatter). */
  title: string
  /** The talk read from the deck that was exported: its sections and slide labels become the bookmarks. */
  talk: Talk
  /** Minutes. */
  variant: number
  /** The facilitator, when the headmatter names a real one. */
  author?: string
}

export interface Bookmark {
  title: string
  /** 0-based page index. */
  page: number
  children: Bookmark[]
}

/** Sections in talk order, each with the slides of the variant it holds; empty sections are left out. */
export function slideBookmarks(talk: Talk, variant: number): Bookmark[] {
  const slides = slidesInVariant(talk, variant)
  return talk.sections.flatMap((section) => {
    const children = slides.flatMap((slide, page) => slide.section === section.id ? [{ title: slide.label, page, children: [] }] : [])
    return children.length ? [{ title: section.title, page: children[0]!.page, children }] : []
  })
}

/** Writes the outline tree; sections start closed (a negative /Count) so the panel reads as a table of contents. */
function addOutline(pdf: PDFDocument, bookmarks: Bookmark[]): void {
  const pages = pdf.getPages()
  const context = pdf.context
  const write = (items: Bookmark[], parent: PDFRef): { first: PDFRef, last: PDFRef, count: number } => {
    const refs = items.map(() => context.nextRef())
    let count = 0
    items.forEach((item, i) => {
      const dict = PDFDict.withContext(context)
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title))
      dict.set(PDFName.of('Parent'), parent)
      dict.set(PDFName.of('Dest'), context.obj([pages[item.page]!.ref, PDFName.of('Fit')]))
      if (i > 0)
        dict.set(PDFName.of('Prev'), refs[i - 1]!)
      if (i < items.length - 1)
        dict.set(PDFName.of('Next'), refs[i + 1]!)
      if (item.children.length) {
        const children = write(item.children, refs[i]!)
        dict.set(PDFName.of('First'), children.first)
        dict.set(PDFName.of('Last'), children.last)
        dict.set(PDFName.of('Count'), PDFNumber.of(-children.count))
      }
      context.assign(refs[i]!, dict)
      count++
    })
    return { first: refs[0]!, last: refs[refs.length - 1]!, count }
  }
  const root = context.nextRef()
  const top = write(bookmarks, root)
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }))
  pdf.catalog.set(PDFName.of('Outlines'), root)
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/**
 * Rewrites the slides PDF at `path` in place (atomically). Bookmarks are added
 * only when the page count matches the Talk's slides for the variant, so a
 * deck that rendered differently never gets bookmarks that point at the
 * wrong page.
 */
export async function finishSlidesPdf(path: string, info: SlidesPdfInfo): Promise<{ bookmarks: boolean }> {
  const pdf = await PDFDocument.load(readFileSync(path), { updateMetadata: false })
  const title = `${info.title} · Slides (${info.variant} min)`
  pdf.setTitle(title, { showInWindowTitleBar: true })
  pdf.setSubject(`The slides for the ${info.variant}-minute workshop, one page per slide.`)
  pdf.setLanguage('en-GB')
  if (info.author)
    pdf.setAuthor(info.author)
  pdf.setModificationDate(new Date())
  const bookmarks = slideBookmarks(info.talk, info.variant)
  const matches = bookmarks.length > 0 && slidesInVariant(info.talk, info.variant).length === pdf.getPageCount()
  if (matches)
    addOutline(pdf, bookmarks)
  writeAtomically(path, Buffer.from(await pdf.save()))
  return { bookmarks: matches }
}
