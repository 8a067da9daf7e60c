import { beforeAll, describe, expect, it } from 'vitest'
import { type DataSheetInput, DataSheetSchema } from '../collaborations/index.js'
import { shippedReferenceSet } from './assessment.data.js'
import { assess, isFlagged } from './assessment.engine.js'
import { type AssessmentIndex, buildIndex } from './assessment.index.js'
import { findQuantities, findThresholds } from './assessment.quantity.js'
import { evaluateCondition, parseCondition, type RuleFacts, RuleSyntaxError } from './assessment.rules.js'

let index: AssessmentIndex

beforeAll(() => {
  index = buildIndex(shippedReferenceSet())
})

const run = (sheet: DataSheetInput) =>
  assess(index, { sheet: DataSheetSchema.parse(sheet), today: '2026-06-01' })

describe('the ranking', () => {
  it('puts the UAV entry first for a German lay description and names the words that led there', () => {
    const result = run({
      description: 'Wir bauen Drohnen, die mehrere Stunden außerhalb der Sichtweite des Piloten fliegen.',
      trl: 6,
    })

    const [first] = result.candidates
    expect(first?.code).toBe('9A012')
    expect(first?.status).toBe('match')
    expect(first?.mappings.map((mapping) => mapping.found)).toContain('drohnen')
    expect(result.language).toBe('de')
  })

  it('ranks a technical English description by the Annex words it shares with an entry', () => {
    const result = run({
      description:
        'We develop HgCdTe focal plane arrays for the mid-wave infrared and a cooled thermal camera core.',
    })

    expect(result.candidates.slice(0, 3).map((candidate) => candidate.code)).toContain('6A002')
  })

  it('leaves a civil description without any flagged candidate', () => {
    const result = run({
      description:
        'We compare the evolution of tone systems in Sinitic languages using fieldwork recordings and phylogenetic methods.',
      trl: 1,
    })

    expect(result.candidates.filter(isFlagged)).toEqual([])
    expect(result.riskLevel).toBe('low')
  })
})

describe('the evidence', () => {
  it('highlights exactly the matching words in the project passage and in the entry', () => {
    const result = run({
      description: 'Our lab builds a carbon fibre reinforced polymer (CFRP) pressure vessel.',
    })
    const candidate = result.candidates.find((item) => item.code === '1C010')

    const passage = candidate?.evidence.project[0]
    expect(passage?.source).toBe('description')
    for (const highlight of passage?.highlights ?? [])
      expect(passage?.text.slice(highlight.start, highlight.end).toLowerCase()).toBe(highlight.term)
    expect(passage?.highlights.map((highlight) => highlight.term)).toContain('cfrp')
    const entryPassage = candidate?.evidence.entry.find((item) => item.highlights.length > 0)
    for (const highlight of entryPassage?.highlights ?? [])
      expect(entryPassage?.text.slice(highlight.start, highlight.end).length).toBeGreaterThan(0)
  })
})

describe('thresholds and exclusions', () => {
  it('reads the thresholds of an entry line with their direction', () => {
    expect(findThresholds('6A008.a.1', 'An average output power exceeding 100 mW; or')).toEqual([
      expect.objectContaining({ dimension: 'power', value: 0.1, direction: 'min' }),
    ])
    expect(findThresholds('6A008.a.2', 'Locating "accuracy" of 1 m or less (better) in range')).toEqual([
      expect.objectContaining({ dimension: 'length', value: 1, direction: 'max' }),
    ])
  })

  it('understands German decimal commas and units in project text', () => {
    const [quantity] = findQuantities('Die Laserleistung beträgt 1,5 kW bei 1064 nm.')
    expect(quantity).toMatchObject({ dimension: 'power', value: 1500 })
  })

  it('shows a drone below the endurance thresholds as such, without raising the risk', () => {
    const result = run({
      description:
        'We use a small fixed-wing drone with a maximum endurance of 20 minutes to map river banks.',
      trl: 3,
    })
    const drone = result.candidates.find((candidate) => candidate.code === '9A012')

    expect(drone?.status).toBe('below_threshold')
    expect(drone?.thresholds.some((comparison) => comparison.found.startsWith('20 minutes'))).toBe(true)
    expect(drone?.thresholds.every((comparison) => !comparison.isMet)).toBe(true)
    expect(result.riskLevel).toBe('low')
  })

  it('honours the meteorological radar note of 6A008, quoting it', () => {
    const result = run({
      description: 'We improve rainfall estimates from the weather radar network.',
      trl: 3,
    })
    const radar = result.candidates.find((candidate) => candidate.code === '6A008')

    expect(radar?.status).toBe('excluded')
    expect(radar?.exclusionNote).toContain('Meteorological (weather) radar')
    expect(result.candidates.filter(isFlagged)).toEqual([])
  })

  it('honours the medical MRI note of 3A201 and does not read "beyond line of sight" as within it', () => {
    const mri = run({
      description: 'A superconducting magnet for clinical MRI scanners with a field of 3 T.',
    })
    expect(mri.candidates.find((candidate) => candidate.code === '3A201')?.status).toBe('excluded')

    const uav = run({
      description: 'A drone for beyond visual line of sight flights with an endurance of 5 hours.',
    })
    expect(uav.candidates.find((candidate) => candidate.code === '9A012')?.status).toBe('match')
  })
})

describe('proportionality, factors and rules', () => {
  it('explains the General Technology Note exemption at basic-research TRL, quoting it', () => {
    const result = run({ description: 'Basic studies of gyroscope noise in MEMS resonators.', trl: 2 })

    expect(result.proportionality.band).toBe('basic_research')
    expect(result.proportionality.exemptions[0]?.note).toContain('basic scientific research')
  })

  it('gives every factor a weight and a reason, and raises the level with the TRL', () => {
    const description = 'We develop an anti-jam GNSS receiver with a controlled reception pattern antenna.'
    const early = run({ description, trl: 2 })
    const late = run({ description, trl: 8 })

    for (const factor of late.factors) {
      expect(typeof factor.weight).toBe('number')
      expect(factor.reasonEn.length).toBeGreaterThan(0)
      expect(factor.reasonDe.length).toBeGreaterThan(0)
    }
    expect(late.riskScore).toBeGreaterThan(early.riskScore)
    expect(late.factors.map((factor) => factor.key)).toContain('trl_application')
  })

  it('declares a no-go when a military end use is declared', () => {
    const result = run({
      description: 'Soil moisture mapping.',
      answers: { civil_end_use: { answer: 'no', explanation: 'Partner is a defence lab.' } },
    })

    expect(result.riskLevel).toBe('no_go')
    expect(result.noGos.map((rule) => rule.key)).toContain('military_end_use')
    expect(result.offices).toContain('export_control')
  })

  it('parses and evaluates the condition language, and names the position of a syntax error', () => {
    const facts: RuleFacts = {
      military_end_use: false,
      security_end_user: false,
      end_use_unclear: false,
      binding_sanctions_hit: false,
      possible_sanctions_match: false,
      trl: 7,
      partner_kind: ['company'],
      area: ['quantum'],
      category: [],
      entry: [],
      activity: [],
      data_kind: [],
    }
    const condition = parseCondition(
      'trl >= 7 and partner_kind = company and (area = quantum or area = energy)',
    )
    expect(evaluateCondition(condition, facts)).toBe(true)
    expect(evaluateCondition(parseCondition('not military_end_use and area != energy'), facts)).toBe(true)
    expect(evaluateCondition(parseCondition('trl >= 7'), { ...facts, trl: null })).toBe(false)
    expect(() => parseCondition('trl >= 7 and nationality = CN')).toThrow(RuleSyntaxError)
    expect(() => parseCondition('(trl > 3')).toThrow('closing')
  })
})

describe('determinism and fairness', () => {
  it('gives the same result for the same input and reference versions', () => {
    const sheet = {
      description: 'Wir entwickeln ein Wetterradar und eine Drohne mit 2 Stunden Flugzeit.',
      trl: 5,
    }
    expect(run(sheet)).toEqual(run(sheet))
  })

  it("does not change with a partner's country or contact person", () => {
    const partner = {
      id: '0190a1b2-0000-7000-8000-000000000001',
      nameEnglish: 'Some University',
      kind: 'university' as const,
    }
    const description = 'Quantum key distribution over deployed fibre.'
    const here = run({ description, partners: [{ ...partner, country: 'DE', contactName: 'Anna' }] })
    const there = run({ description, partners: [{ ...partner, country: 'CN', contactName: 'Wang Lei' }] })

    expect(there).toEqual(here)
  })
})
