/** An element of a parsed XML document: its name, attributes, child elements and text. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    return entities[name] ?? whole
  })
}

/**
 * A small, strict XML parser for data files such as the UN consolidated list: elements,
 * attributes, text, CDATA, comments and the declaration. No DTDs or namespaces processing.
 * @throws Error naming the offset when the document is not well-formed
 */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' }
  const stack: XmlElement[] = [root]
  const tag =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g
  let last = 0
  for (let match = tag.exec(source); match !== null; match = tag.exec(source)) {
    const current = stack[stack.length - 1]
    if (!current) throw new Error('XML: unbalanced document')
    const between = source.slice(last, match.index)
    if (between.includes('<'))
      throw new Error(`XML: malformed markup near offset ${last + between.indexOf('<')}`)
    current.text += decode(between)
    last = tag.lastIndex
    const [whole, closing, name, attributeText, selfClosing, cdata] = match
    if (cdata !== undefined) {
      current.text += cdata
      continue
    }
    if (!name) continue
    if (closing) {
      if (current.name !== name)
        throw new Error(`XML: </${name}> closes <${current.name}> at offset ${match.index}`)
      stack.pop()
      continue
    }
    const attributes: Record<string, string> = {}
    for (const attribute of (attributeText ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1] ?? ''] = decode(attribute[2] ?? attribute[3] ?? '')
    }
    const element: XmlElement = { name, attributes, children: [], text: '' }
    current.children.push(element)
    if (!selfClosing && !whole.endsWith('/>')) stack.push(element)
  }
  if (source.slice(last).includes('<')) throw new Error('XML: malformed markup at the end')
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]?.name}> is never closed`)
  return root
}

/** The child elements of that name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

/** The trimmed text of the first child of that name, or ''. */
export function childText(element: XmlElement, name: string): string {
  return element.children.find((child) => child.name === name)?.text.trim() ?? ''
}
