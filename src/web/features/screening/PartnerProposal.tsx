import { useEffect, useState } from 'react'
import type { Partner } from '../../../modules/collaborations/collaboration.schema.js'
import type { RegisterPartner } from '../../../modules/screening/screening.schema.js'
import { useT } from '../../i18n/i18n.js'
import { screeningApi } from './api.js'

/** Whether the typed names are already those of the record (nothing left to propose). */
function isSameRecord(partner: Partner, record: RegisterPartner): boolean {
  const known = [record.name, record.nameOriginal, ...record.aliases].map((name) => name.trim().toLowerCase())
  const typed = [partner.nameEnglish, partner.nameOriginal]
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  return typed.length > 0 && typed.every((name) => known.includes(name))
}

/**
 * Proposes records of the partner register while a researcher types a partner's name, so that
 * "HIT", "Harbin Institute of Technology" and "哈尔滨工业大学" become one partner. Taking a
 * proposal fills in the record's names; Liaison links the partner to the record when it screens.
 */
export function PartnerProposal({
  partner,
  onAdopt,
}: {
  partner: Partner
  onAdopt: (names: Pick<Partner, 'nameEnglish' | 'nameOriginal' | 'country'>) => void
}) {
  const t = useT()
  const [proposals, setProposals] = useState<RegisterPartner[]>([])
  const [dismissed, setDismissed] = useState<string[]>([])
  const typed = (partner.nameEnglish || partner.nameOriginal).trim()

  useEffect(() => {
    if (typed.length < 2) {
      setProposals([])
      return
    }
    let cancelled = false
    const timer = window.setTimeout(() => {
      screeningApi
        .suggestions(typed)
        .then((records) => {
          if (!cancelled) setProposals(records.slice(0, 3))
        })
        // A proposal is a convenience: without it the researcher simply types on.
        .catch(() => undefined)
    }, 400)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [typed])

  const shown = proposals.filter((record) => !dismissed.includes(record.id) && !isSameRecord(partner, record))
  if (shown.length === 0) return null
  return (
    <aside className="partner-proposal" aria-label={t('screening.proposal.label')}>
      <p className="partner-proposal__title">{t('screening.proposal.title')}</p>
      <ul className="partner-proposal__list">
        {shown.map((record) => (
          <li key={record.id} className="partner-proposal__item">
            <span className="partner-proposal__name">
              {record.name}
              {record.nameOriginal && record.nameOriginal !== record.name && (
                <span className="partner-proposal__original"> · {record.nameOriginal}</span>
              )}
            </span>
            <span className="button-row button-row--start">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  onAdopt({
                    nameEnglish: record.name,
                    nameOriginal: record.nameOriginal || partner.nameOriginal,
                    country: partner.country ?? record.country,
                  })
                }
              >
                {t('screening.proposal.adopt')}
                <span className="visually-hidden"> {record.name}</span>
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setDismissed([...dismissed, record.id])}
              >
                {t('screening.proposal.dismiss')}
                <span className="visually-hidden"> {record.name}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
      <p className="partner-proposal__hint">{t('screening.proposal.hint')}</p>
    </aside>
  )
}
