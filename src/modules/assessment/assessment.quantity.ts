/** A physical dimension the engine can compare. */
export type Dimension =
  | 'power'
  | 'frequency'
  | 'length'
  | 'time'
  | 'temperature'
  | 'magnetic_field'
  | 'energy'
  | 'voltage'
  | 'speed'
  | 'pressure'

/** A number with its unit, normalised to the SI base of its dimension. */
export interface Quantity {
  dimension: Dimension
  /** Value in the base unit (W, Hz, m, s, K, T, J, V, m/s, Pa). */
  value: number
  /** The text as written, e.g. `25 minutes`. */
  text: string
  start: number
  end: number
}

/** A threshold of an Annex sub-paragraph. */
export interface Threshold {
  subParagraph: string
  dimension: Dimension
  value: number
  /** `min`: controlled at or above the value; `max`: controlled at or below it. */
  direction: 'min' | 'max'
  text: string
}

type Unit = { dimension: Dimension; factor: number; offset?: number }

const units: Record<string, Unit> = {
  µw: { dimension: 'power', factor: 1e-6 },
  μw: { dimension: 'power', factor: 1e-6 },
  mw: { dimension: 'power', factor: 1e-3 },
  w: { dimension: 'power', factor: 1 },
  watt: { dimension: 'power', factor: 1 },
  watts: { dimension: 'power', factor: 1 },
  kw: { dimension: 'power', factor: 1e3 },
  megawatt: { dimension: 'power', factor: 1e6 },
  gw: { dimension: 'power', factor: 1e9 },
  hz: { dimension: 'frequency', factor: 1 },
  khz: { dimension: 'frequency', factor: 1e3 },
  mhz: { dimension: 'frequency', factor: 1e6 },
  ghz: { dimension: 'frequency', factor: 1e9 },
  thz: { dimension: 'frequency', factor: 1e12 },
  nm: { dimension: 'length', factor: 1e-9 },
  µm: { dimension: 'length', factor: 1e-6 },
  μm: { dimension: 'length', factor: 1e-6 },
  mm: { dimension: 'length', factor: 1e-3 },
  cm: { dimension: 'length', factor: 1e-2 },
  m: { dimension: 'length', factor: 1 },
  metre: { dimension: 'length', factor: 1 },
  metres: { dimension: 'length', factor: 1 },
  meter: { dimension: 'length', factor: 1 },
  meters: { dimension: 'length', factor: 1 },
  km: { dimension: 'length', factor: 1e3 },
  kilometer: { dimension: 'length', factor: 1e3 },
  kilometre: { dimension: 'length', factor: 1e3 },
  kilometres: { dimension: 'length', factor: 1e3 },
  kilometers: { dimension: 'length', factor: 1e3 },
  kilometern: { dimension: 'length', factor: 1e3 },
  metern: { dimension: 'length', factor: 1 },
  ns: { dimension: 'time', factor: 1e-9 },
  µs: { dimension: 'time', factor: 1e-6 },
  μs: { dimension: 'time', factor: 1e-6 },
  ms: { dimension: 'time', factor: 1e-3 },
  s: { dimension: 'time', factor: 1 },
  seconds: { dimension: 'time', factor: 1 },
  sekunden: { dimension: 'time', factor: 1 },
  min: { dimension: 'time', factor: 60 },
  minute: { dimension: 'time', factor: 60 },
  minutes: { dimension: 'time', factor: 60 },
  minuten: { dimension: 'time', factor: 60 },
  h: { dimension: 'time', factor: 3600 },
  hour: { dimension: 'time', factor: 3600 },
  hours: { dimension: 'time', factor: 3600 },
  stunde: { dimension: 'time', factor: 3600 },
  stunden: { dimension: 'time', factor: 3600 },
  k: { dimension: 'temperature', factor: 1 },
  kelvin: { dimension: 'temperature', factor: 1 },
  '°c': { dimension: 'temperature', factor: 1, offset: 273.15 },
  t: { dimension: 'magnetic_field', factor: 1 },
  tesla: { dimension: 'magnetic_field', factor: 1 },
  mt: { dimension: 'magnetic_field', factor: 1e-3 },
  j: { dimension: 'energy', factor: 1 },
  kj: { dimension: 'energy', factor: 1e3 },
  mj: { dimension: 'energy', factor: 1e-3 },
  ev: { dimension: 'energy', factor: 1.602e-19 },
  kev: { dimension: 'energy', factor: 1.602e-16 },
  mev: { dimension: 'energy', factor: 1.602e-13 },
  v: { dimension: 'voltage', factor: 1 },
  kv: { dimension: 'voltage', factor: 1e3 },
  'm/s': { dimension: 'speed', factor: 1 },
  'km/h': { dimension: 'speed', factor: 1 / 3.6 },
  knots: { dimension: 'speed', factor: 0.5144 },
  pa: { dimension: 'pressure', factor: 1 },
  kpa: { dimension: 'pressure', factor: 1e3 },
  mpa: { dimension: 'pressure', factor: 1e6 },
  gpa: { dimension: 'pressure', factor: 1e9 },
  bar: { dimension: 'pressure', factor: 1e5 },
}

// Case matters for a few units (MW vs mW, MJ vs mJ): those are decided on the raw text.
const caseSensitive: Record<string, Unit> = {
  MW: { dimension: 'power', factor: 1e6 },
  mW: { dimension: 'power', factor: 1e-3 },
  MJ: { dimension: 'energy', factor: 1e6 },
  mJ: { dimension: 'energy', factor: 1e-3 },
  MV: { dimension: 'voltage', factor: 1e6 },
}

const unitAlternatives = [...Object.keys(units), ...Object.keys(caseSensitive)]
  .sort((a, b) => b.length - a.length)
  .map((unit) => unit.replace(/[/.]/g, (char) => `\\${char}`))
  .join('|')
// A number (German or English decimals, thin or normal spaces as thousands separators) and a unit.
const quantityPattern = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d{1,3}(?:[ \\u2009\\u202f]\\d{3})+|\\d+)(?:[.,](\\d+))?[ \\u00a0\\u2009\\u202f]?(${unitAlternatives})(?![\\p{L}\\p{N}])`,
  'giu',
)

function unitOf(raw: string): Unit | undefined {
  return caseSensitive[raw] ?? units[raw.toLowerCase()]
}

/** Every number with a known unit in a text. */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = []
  for (const match of text.matchAll(quantityPattern)) {
    const [whole, integer = '', fraction, rawUnit = ''] = match
    const unit = unitOf(rawUnit)
    if (!unit) continue
    const number = Number(`${integer.replace(/[ \u2009\u202f]/g, '')}${fraction ? `.${fraction}` : ''}`)
    if (!Number.isFinite(number)) continue
    found.push({
      dimension: unit.dimension,
      value: number * unit.factor + (unit.offset ?? 0),
      text: whole.trim(),
      start: match.index,
      end: match.index + whole.length,
    })
  }
  return found
}

const minWords =
  /(exceeding|greater than or equal to|equal to or greater than|equal to or exceeding|greater than|more than|in excess of|higher than|above|at least|of)\s*$/i
const maxWords =
  /(less(?: \(better\))? than(?: or equal to)?|lower than|below|not exceeding|not more than|up to|of)\s*$/i

/**
 * The thresholds of one line of an entry: numbers with a unit and the comparison before or after
 * them ("exceeding 100 mW", "1 hour or greater", "of 1 m or less").
 */
export function findThresholds(subParagraph: string, line: string): Threshold[] {
  const thresholds: Threshold[] = []
  for (const quantity of findQuantities(line)) {
    const before = line.slice(Math.max(0, quantity.start - 45), quantity.start)
    const after = line.slice(quantity.end, quantity.end + 20).toLowerCase()
    let direction: 'min' | 'max' | null = null
    // "at least 30 minutes but less than 1 hour": the upper end of a band is no criterion of its own.
    if (/\bbut\s+(less|lower|not more)[^;]*$/i.test(before)) continue
    if (/^\s*\(?\s*(or|and) (less|lower|below|smaller)/.test(after)) direction = 'max'
    else if (/^\s*\(?\s*(or|and) (more|greater|higher|above)/.test(after)) direction = 'min'
    else {
      const minMatch = minWords.exec(before)
      const maxMatch = maxWords.exec(before)
      if (minMatch && minMatch[1] !== 'of') direction = 'min'
      else if (maxMatch && maxMatch[1] !== 'of') direction = 'max'
    }
    if (direction === null) continue
    thresholds.push({
      subParagraph,
      dimension: quantity.dimension,
      value: quantity.value,
      direction,
      text: line.slice(Math.max(0, quantity.start - 30), quantity.end).trim(),
    })
  }
  return thresholds
}

/** Whether a value found in a project meets the threshold (that is, would be controlled by it). */
export function meetsThreshold(value: number, threshold: Threshold): boolean {
  return threshold.direction === 'min' ? value >= threshold.value : value <= threshold.value
}
