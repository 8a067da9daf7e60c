import MarkdownIt from 'markdown-it'

/** Link targets a rendered document may point to: the web, mail, and paths inside the app. */
const safeLink = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false })
// Raw HTML is off, so only markdown-it's own tags reach the page; links are checked on top of
// markdown-it's default (which already refuses javascript:, vbscript:, file: and most data:).
markdown.validateLink = (url: string) => safeLink.test(url.trim())

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options))
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]
  const href = String(token?.attrGet('href') ?? '')
  if (token && /^https?:\/\//i.test(href)) {
    token.attrSet('rel', 'noopener noreferrer nofollow')
    token.attrSet('target', '_blank')
  }
  return defaultLinkOpen(tokens, index, options, env, self)
}

/**
 * Renders a document's Markdown to HTML that cannot run script: raw HTML is escaped, and links
 * other than http(s), mailto and in-app paths are left as text.
 */
export function renderMarkdown(source: string): string {
  return markdown.render(source)
}
