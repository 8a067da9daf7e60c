import { describe, expect, it } from 'vitest'
import { markPassage } from './reportdocs.documents.js'

describe('quoting evidence', () => {
  it('marks every highlighted term of a short passage', () => {
    const text = 'Quantum key distribution over optical fibre'
    expect(
      markPassage({
        source: 'summary',
        text,
        offset: 0,
        highlights: [
          { start: 0, end: 7, term: 'quantum' },
          { start: 30, end: 37, term: 'optical' },
        ],
      }),
    ).toBe('»Quantum« key distribution over »optical« fibre')
  })

  it('cuts a long entry text to the words around its highlights', () => {
    const text = `${'a '.repeat(500)}cryptography ${'b '.repeat(500)}`
    const start = text.indexOf('cryptography')
    const quoted = markPassage(
      { source: '5A002', text, offset: 0, highlights: [{ start, end: start + 12, term: 'cryptography' }] },
      20,
    )
    expect(quoted).toMatch(/^… (a )+»cryptography«( b)+ …$/)
    expect(quoted.length).toBeLessThan(60)
  })
})
