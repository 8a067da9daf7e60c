import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import JSZip from 'jszip'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** Signs in and switches the interface to the given language. */
async function signInAs(page: Page, username: string, language: 'Deutsch' | 'English'): Promise<void> {
  await signIn(page, username)
  await page.getByRole('button', { name: language }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'Deutsch' ? 'de' : 'en')
}

/** Fails on serious or critical axe violations in the contract-draft section of the case page. */
async function expectSectionAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('section[aria-labelledby="drafts-title"]').analyze()
  const severe = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  expect(severe.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
}

/** The text of word/document.xml of a downloaded .docx. */
async function wordText(path: string): Promise<string> {
  const bytes = readFileSync(path)
  // A .docx is a zip file: it starts with "PK".
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const zip = await JSZip.loadAsync(bytes)
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  return xml.replace(/<[^>]+>/g, '')
}

test('a researcher generates an MoU from a demo case, downloads it and finds it listed with its template version', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 768 })
  await signInAs(page, 'researcher', 'Deutsch')
  await page.goto('/collaborations?q=GRID')
  await page.getByRole('link', { name: /^GRID – / }).click()
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: 'Vertragsentwurf erstellen' }),
  })
  await expect(section).toBeVisible()
  await expect(section.getByText('Noch kein Entwurf erstellt.')).toBeVisible()

  await section
    .getByLabel('Vorlage')
    .selectOption({ label: 'Absichtserklärung (Memorandum of Understanding)' })
  await section.getByLabel('Sprache des Entwurfs').selectOption('de')
  await section.getByLabel('Word (.docx)').check()
  await section.getByRole('button', { name: 'Entwurf erstellen' }).click()
  await expect(section.getByText(/^Entwurf erstellt: FZH-.+-mou-de-v1\.docx/)).toBeVisible()
  const drafts = section.locator('.draft-list__item')
  await expect(drafts).toHaveCount(1)
  await expect(drafts.first()).toContainText(
    'Absichtserklärung (Memorandum of Understanding) (de), Vorlagenversion 1',
  )
  await expect(drafts.first()).toContainText('erstellt von Dr. Lena Hoffmann')

  const downloading = page.waitForEvent('download')
  await drafts
    .first()
    .getByRole('link', { name: /herunterladen$/ })
    .click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^FZH-.+-mou-de-v1\.docx$/)
  const text = await wordText(await download.path())
  expect(text).toContain('Absichtserklärung')
  expect(text).toContain('Diese Absichtserklärung unterliegt deutsches Recht.')
  expect(text).toContain('Für dieses Projekt vereinbarte Ausstiegsmöglichkeiten: Either side may leave')
  expect(text).toContain(
    'Die Ergebnisse der Zusammenarbeit dienen ausschließlich friedlichen, zivilen Zwecken.',
  )

  await section.scrollIntoViewIfNeeded()
  await expectSectionAccessible(page)
  await section.screenshot({ path: 'test-results/screens/templates-case-de.png' })

  // In English: a PDF cooperation agreement, listed above the earlier draft.
  await page.getByRole('button', { name: 'English' }).click()
  const english = page.locator('section', {
    has: page.getByRole('heading', { name: 'Generate contract draft' }),
  })
  await english.getByLabel('Template').selectOption({ label: 'Cooperation Agreement' })
  await english.getByLabel('Language of the draft').selectOption('en')
  await english.getByLabel('PDF').check()
  await english.getByRole('button', { name: 'Generate draft' }).click()
  await expect(english.getByText(/^Draft generated: FZH-.+-cooperation-agreement-en-v1\.pdf/)).toBeVisible()
  await expect(english.locator('.draft-list__item')).toHaveCount(2)
  await expect(english.locator('.draft-list__item').first()).toContainText(
    'Cooperation Agreement (en), template version 1',
  )
  await expectSectionAccessible(page)
  await english.screenshot({ path: 'test-results/screens/templates-case-en.png' })
})

test('the templates page documents the placeholders, and the legal office saves a new version', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 768 })
  await signInAs(page, 'legal', 'Deutsch')
  await page.getByRole('link', { name: 'Vertragsvorlagen' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vertragsvorlagen' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Kooperationsvertrag/ })).toContainText('Version 1')
  await expect(page.getByRole('row', { name: /\{\{agreement\.exitOptions\}\}/ })).toContainText(
    'Ausstiegsmöglichkeiten',
  )
  await expectAccessible(page)
  await screenshot(page, 'templates-page-de')

  await page.getByRole('link', { name: 'Absichtserklärung (Memorandum of Understanding)' }).click()
  await expect(page.getByText('Version 1, gespeichert von Liaison')).toBeVisible()
  await page.getByRole('button', { name: 'Vorlage bearbeiten' }).click()
  const body = page.getByLabel('Text (Markdown mit Platzhaltern)')
  const original = await body.inputValue()
  // An unknown placeholder is refused with its line, in the reader's language.
  await body.fill(`${original}\n{{partner.adresse}}`)
  await page.getByRole('button', { name: 'Als neue Version speichern' }).click()
  await expect(page.getByText(/Zeile \d+: Unbekannter Platzhalter „partner\.adresse“/).first()).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'templates-edit-error-de')
  await body.fill(original.replace('## Zweck', '## Zweck der Zusammenarbeit'))
  await page.getByLabel(/Was wurde geändert/).fill('Überschrift präziser')
  await page.getByRole('button', { name: 'Als neue Version speichern' }).click()
  await expect(page.getByText('Version 2 gespeichert. Neue Entwürfe verwenden sie.')).toBeVisible()
  await expect(page.locator('.version-list')).toContainText('Version 2 · Überschrift präziser')

  await page.getByRole('button', { name: 'English' }).click()
  await page.goto('/templates')
  await expect(page.getByRole('heading', { level: 1, name: 'Contract templates' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Memorandum of Understanding/ }).first()).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'templates-page-en')
})
