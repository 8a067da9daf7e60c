/** One party's part in a step, already in words. */
export interface DiagramEntry {
  does: 'assesses' | 'advises' | 'decides' | 'is_informed'
  names: string[]
}

/** One step of the process, already in the reader's language. */
export interface DiagramStep {
  key: string
  label: string
  description: string
  entries: DiagramEntry[]
  /** A remark under the step, e.g. that routing rules choose the offices. */
  note?: string
}

const doesOrder: readonly DiagramEntry['does'][] = ['assesses', 'advises', 'decides', 'is_informed']

/**
 * The process drawn as a vertical flow of numbered steps; each step shows who assesses, advises,
 * decides and is informed, in four colour-coded lanes (HTML and CSS only, so it reads aloud in order).
 */
export function ProcessDiagram({
  steps,
  doesLabel,
  label,
  lang,
}: {
  steps: readonly DiagramStep[]
  doesLabel: (does: DiagramEntry['does']) => string
  label: string
  lang?: string
}) {
  return (
    <ol className="flow" aria-label={label} lang={lang}>
      {steps.map((step, index) => (
        <li key={step.key} className="flow__step">
          <span className="flow__number" aria-hidden="true">
            {index + 1}
          </span>
          <div className="flow__card">
            <h3 className="flow__title">{step.label}</h3>
            {step.description && <p className="flow__text">{step.description}</p>}
            <dl className="lanes">
              {doesOrder.map((does) => {
                const names = step.entries
                  .filter((entry) => entry.does === does)
                  .flatMap((entry) => entry.names)
                if (names.length === 0) return null
                return (
                  <div key={does} className={`lanes__lane lanes__lane--${does}`}>
                    <dt className="lanes__does">{doesLabel(does)}</dt>
                    <dd className="lanes__who">
                      <ul className="lanes__list">
                        {names.map((name) => (
                          <li key={name} className="lanes__name">
                            {name}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                )
              })}
            </dl>
            {step.note && <p className="flow__note">{step.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  )
}
