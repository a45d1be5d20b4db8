import type { VNode } from 'vue'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'

/** Renders a document's root `<html>` node; Vue escapes every text and attribute. */
export async function renderHtml(root: () => VNode): Promise<string> {
  const app = createSSRApp({ render: root })
  return `<!doctype html>\n${await renderToString(app)}`
}
