import { PdfWriter } from '../../platform/pdf/pdf.js'
import type { Passage } from '../assessment/index.js'
import type { CollaborationStatus } from '../collaborations/index.js'
import type { Office } from '../organisation/index.js'
import type { DocumentLanguage, FunderNoticeText } from './reportdocs.schema.js'
import type { CaseReportData, FunderNoticeData } from './reportdocs.service.js'

/*
 * The printed documents of a case: the assessment report (everything the process found, with its
 * evidence) and the funder notice (only what a funder needs: no technical description, no risk
 * findings, no personal data beyond the contact person).
 */

const words = {
  de: {
    reportTitle: 'Prüfbericht',
    noticeTitle: 'Vorabinformation zur geplanten Kooperation',
    sheet: 'Projektdatenblatt',
    title: 'Titel',
    acronym: 'Akronym',
    reference: 'Aktenzeichen',
    status: 'Status',
    unit: 'Organisationseinheit',
    pis: 'Projektleitung',
    duration: 'Laufzeit',
    trl: 'Technologiereifegrad (TRL)',
    areas: 'Fachgebiete',
    summary: 'Zusammenfassung',
    partners: 'Partner',
    partner: 'Partner',
    country: 'Land',
    kind: 'Art',
    activities: 'Geplante Aktivitäten',
    data: 'Daten und Proben',
    funding: 'Förderung',
    funders: 'Fördergeber',
    budget: 'Gesamtbudget',
    ownShare: 'Eigenanteil',
    securityBudget: 'Mittel für Forschungssicherheit',
    submitted: 'Eingereicht am',
    assessment: 'Vorprüfung (Dual-Use)',
    notAssessed: 'Der Vorgang wurde noch nicht vorgeprüft.',
    level: 'Gesamteinstufung',
    levelWhy: 'Begründung der Einstufung',
    assessedAt: 'Vorgeprüft am',
    versions: 'Referenzdaten',
    versionsText: 'Anhang I {annex}; Regelwerk {engine}; sensible Felder v{areas}; No-Go-Regeln v{rules}',
    candidates: 'Treffer in der Kontrollliste (Anhang I)',
    noCandidates: 'Keine Einträge der Kontrollliste berührt.',
    entry: 'Eintrag',
    strength: 'Stärke',
    candidateStatus: 'Bewertung',
    evidenceProject: 'Belegstellen im Vorhaben (hervorgehoben in »…«)',
    evidenceEntry: 'Wortlaut des Eintrags',
    exclusion: 'Ausnahme laut Anhang',
    thresholds: 'Schwellenwerte',
    areasTitle: 'Sensible Technologiefelder',
    noAreas: 'Keine sensiblen Technologiefelder berührt.',
    proportionality: 'Verhältnismäßigkeit (TRL)',
    band: 'Einordnung',
    exemptions: 'Mögliche Ausnahmen',
    noGos: 'No-Go-Prüfung',
    noNoGos: 'Keine No-Go-Regel schlägt an.',
    factors: 'Faktoren',
    screening: 'Sanktionslistenprüfung der Partner',
    listsScreened: 'Geprüfte Listen',
    staleLists: 'Veraltete Listen',
    screenedAt: 'geprüft am',
    notScreened: 'NICHT GEPRÜFT – es liegt kein Prüfergebnis vor',
    noHits: 'keine Treffer',
    openHits: 'Treffer, noch nicht alle bewertet',
    hits: 'Treffer, alle bewertet',
    list: 'Liste (Version)',
    match: 'Treffer',
    disposition: 'Bewertung',
    by: 'von',
    undisposed: 'offen',
    confirmed: 'bestätigt',
    falsePositive: 'kein Treffer (Verwechslung)',
    advice: 'Stellungnahmen der Stellen',
    noAdvice: 'Es wurden noch keine Stellen beteiligt.',
    office: 'Stelle',
    reviewer: 'Bearbeitung',
    vote: 'Votum',
    reasons: 'Befund',
    conditions: 'Auflagen',
    due: 'Frist',
    completed: 'Abgeschlossen',
    routedBecause: 'Beteiligt, weil',
    requests: 'Rückfragen',
    answer: 'Antwort',
    decision: 'Entscheidung',
    noDecision: 'Noch nicht entschieden.',
    outcome: 'Ergebnis',
    decidedBy: 'Entschieden von',
    decidedAt: 'Entschieden am',
    decisionReasons: 'Begründung',
    obligations: 'Auflagen und ihre Erfüllung',
    noObligations: 'Keine Auflagen.',
    fulfilled: 'erfüllt',
    open: 'offen',
    funderNotices: 'Vorabinformation der Fördergeber',
    audit: 'Prüfpfad (Zusammenfassung)',
    auditTotal: 'Einträge zum Vorgang',
    auditFirst: 'Erster Eintrag',
    auditLast: 'Letzter Eintrag',
    chainEntries: 'Einträge dieses Falls in der Hash-Kette',
    chainEntriesOk: 'jetzt geprüft, unverändert ({n} Einträge)',
    chainEntriesBroken: 'jetzt geprüft: Eintrag {seq} passt nicht zur Kette',
    chain: 'Gesamte Hash-Kette',
    chainOk: 'am {date} vollständig geprüft, unverändert ({n} Einträge)',
    chainBroken: 'am {date} vollständig geprüft: unterbrochen bei Eintrag {seq}',
    action: 'Aktion',
    count: 'Anzahl',
    generatedBy: 'Erstellt von',
    yes: 'ja',
    none: 'keine',
    intro:
      'Dieser Bericht fasst die Prüfung des Vorhabens zusammen. Die automatisierte Vorprüfung bereitet ' +
      'die Entscheidung vor und trifft sie nicht; jede Einstufung ist mit ihren Belegstellen angegeben.',
    noticeIntro:
      'wir informieren Sie vorab über eine geplante internationale Kooperation, an der Ihre Förderung beteiligt ist. ' +
      'Die Kooperation durchläuft derzeit die institutionelle Prüfung (Exportkontrolle, Recht, Datenschutz und weitere Stellen).',
    salutation: 'Sehr geehrte Damen und Herren,',
    project: 'Vorhaben',
    purpose: 'Ziel des Vorhabens',
    reviewStatus: 'Stand der Prüfung',
    officesInvolved: 'Beteiligte Stellen',
    officesDone: '{done} von {total} Stellungnahmen liegen vor',
    notStarted: 'Die Prüfung durch die Stellen hat noch nicht begonnen.',
    expected: 'Entscheidung nach den Stellungnahmen, fällig bis',
    expectedUnknown: 'noch nicht absehbar',
    contact: 'Ansprechperson',
    projectLead: 'Projektleitung',
    contactOffice: 'Stabsstelle',
    closing:
      'Über die Entscheidung und etwaige Auflagen informieren wir Sie. Für Rückfragen stehen wir gern zur Verfügung.',
    regards: 'Mit freundlichen Grüßen',
    subject: 'Vorabinformation: {reference} {title}',
    confidential: 'Technische Einzelheiten des Vorhabens sind in dieser Information bewusst nicht enthalten.',
  },
  en: {
    reportTitle: 'Assessment report',
    noticeTitle: 'Advance notice of a planned collaboration',
    sheet: 'Project data sheet',
    title: 'Title',
    acronym: 'Acronym',
    reference: 'Reference',
    status: 'Status',
    unit: 'Unit',
    pis: 'Principal investigators',
    duration: 'Duration',
    trl: 'Technology readiness level (TRL)',
    areas: 'Research areas',
    summary: 'Summary',
    partners: 'Partners',
    partner: 'Partner',
    country: 'Country',
    kind: 'Kind',
    activities: 'Planned activities',
    data: 'Data and samples',
    funding: 'Funding',
    funders: 'Funders',
    budget: 'Total budget',
    ownShare: 'Own share',
    securityBudget: 'Budget for research security',
    submitted: 'Submitted on',
    assessment: 'Pre-assessment (dual use)',
    notAssessed: 'The case has not been pre-assessed yet.',
    level: 'Overall level',
    levelWhy: 'Why this level',
    assessedAt: 'Assessed on',
    versions: 'Reference data',
    versionsText: 'Annex I {annex}; engine {engine}; sensitive areas v{areas}; no-go rules v{rules}',
    candidates: 'Control-list entries matched (Annex I)',
    noCandidates: 'No control-list entry is touched.',
    entry: 'Entry',
    strength: 'Strength',
    candidateStatus: 'Assessment',
    evidenceProject: 'Evidence in the project (highlighted in »…«)',
    evidenceEntry: 'Wording of the entry',
    exclusion: 'Exclusion by the Annex',
    thresholds: 'Thresholds',
    areasTitle: 'Sensitive technology areas',
    noAreas: 'No sensitive technology area is touched.',
    proportionality: 'Proportionality (TRL)',
    band: 'Band',
    exemptions: 'Exemptions that may apply',
    noGos: 'No-go checks',
    noNoGos: 'No no-go rule fires.',
    factors: 'Factors',
    screening: 'Restricted-party screening of the partners',
    listsScreened: 'Lists screened',
    staleLists: 'Stale lists',
    screenedAt: 'screened on',
    notScreened: 'NOT SCREENED – there is no screening result',
    noHits: 'no hits',
    openHits: 'hits, not all dispositioned',
    hits: 'hits, all dispositioned',
    list: 'List (version)',
    match: 'Match',
    disposition: 'Disposition',
    by: 'by',
    undisposed: 'open',
    confirmed: 'confirmed',
    falsePositive: 'false positive',
    advice: 'Advice of the offices',
    noAdvice: 'No office has been involved yet.',
    office: 'Office',
    reviewer: 'Handled by',
    vote: 'Vote',
    reasons: 'Findings',
    conditions: 'Conditions',
    due: 'Due',
    completed: 'Completed',
    routedBecause: 'Involved because',
    requests: 'Requests for information',
    answer: 'Answer',
    decision: 'Decision',
    noDecision: 'Not decided yet.',
    outcome: 'Outcome',
    decidedBy: 'Decided by',
    decidedAt: 'Decided on',
    decisionReasons: 'Reasons',
    obligations: 'Obligations and their fulfilment',
    noObligations: 'No obligations.',
    fulfilled: 'fulfilled',
    open: 'open',
    funderNotices: 'Funders informed upfront',
    audit: 'Audit trail (summary)',
    auditTotal: 'Entries about the case',
    auditFirst: 'First entry',
    auditLast: 'Last entry',
    chainEntries: "This case's entries in the hash chain",
    chainEntriesOk: 'verified now, unaltered ({n} entries)',
    chainEntriesBroken: 'verified now: entry {seq} does not fit the chain',
    chain: 'Whole hash chain',
    chainOk: 'verified in full on {date}, unaltered ({n} entries)',
    chainBroken: 'verified in full on {date}: broken at entry {seq}',
    action: 'Action',
    count: 'Count',
    generatedBy: 'Generated by',
    yes: 'yes',
    none: 'none',
    intro:
      'This report summarises the review of the project. The automated pre-assessment prepares the ' +
      'decision and never makes it; every judgement is given with its evidence.',
    noticeIntro:
      'We inform you upfront about a planned international collaboration your funding is part of. ' +
      'The collaboration is currently in our institutional review (export control, legal, data protection and other offices).',
    salutation: 'Dear Sir or Madam,',
    project: 'Project',
    purpose: 'Purpose of the project',
    reviewStatus: 'Status of the review',
    officesInvolved: 'Offices involved',
    officesDone: '{done} of {total} offices have given their advice',
    notStarted: 'The offices have not started their review yet.',
    expected: 'Decision expected after the offices’ advice, due by',
    expectedUnknown: 'not yet foreseeable',
    contact: 'Contact person',
    projectLead: 'principal investigator',
    contactOffice: 'Office',
    closing:
      'We will inform you of the decision and any conditions. Please do not hesitate to contact us with any questions.',
    regards: 'Kind regards',
    subject: 'Advance notice: {reference} {title}',
    confidential: 'Technical details of the project are deliberately not part of this notice.',
  },
} as const

const statusWords: Record<DocumentLanguage, Record<CollaborationStatus, string>> = {
  de: {
    draft: 'Entwurf',
    submitted: 'Eingereicht',
    in_review: 'In Prüfung',
    approved: 'Genehmigt',
    approved_with_conditions: 'Genehmigt mit Auflagen',
    declined: 'Abgelehnt',
    active: 'Laufend',
    ended: 'Beendet',
    withdrawn: 'Zurückgezogen',
    amendment_draft: 'Änderung in Bearbeitung',
  },
  en: {
    draft: 'Draft',
    submitted: 'Submitted',
    in_review: 'In review',
    approved: 'Approved',
    approved_with_conditions: 'Approved with conditions',
    declined: 'Declined',
    active: 'Active',
    ended: 'Ended',
    withdrawn: 'Withdrawn',
    amendment_draft: 'Amendment in progress',
  },
}

const lookups = {
  de: {
    risk: { low: 'gering', elevated: 'erhöht', high: 'hoch', no_go: 'No-Go' } as Record<string, string>,
    strength: { strong: 'stark', moderate: 'mittel', weak: 'schwach' } as Record<string, string>,
    candidate: {
      match: 'zählt für das Risiko',
      excluded: 'ausgenommen',
      below_threshold: 'unter den Schwellenwerten',
    } as Record<string, string>,
    band: {
      basic_research: 'Grundlagenforschung',
      development: 'Entwicklung',
      application: 'Anwendung',
      unknown: 'unbekannt',
    } as Record<string, string>,
    consequence: {
      blocks_submission: 'verhindert die Einreichung',
      needs_decision_maker: 'Entscheidung der Leitung nötig',
      warning: 'Warnung',
    } as Record<string, string>,
    vote: {
      no_objection: 'keine Einwände',
      conditions: 'mit Auflagen',
      objection: 'Einwände',
    } as Record<string, string>,
    reviewStatus: {
      open: 'offen',
      waiting_for_information: 'wartet auf Auskunft',
      completed: 'abgeschlossen',
      cancelled: 'entfallen',
    } as Record<string, string>,
    kind: {
      university: 'Hochschule',
      research_institute: 'Forschungseinrichtung',
      company: 'Unternehmen',
      government_body: 'Behörde',
      other: 'Sonstige',
    } as Record<string, string>,
    activity: {
      jointResearch: 'Gemeinsame Forschung',
      dataSharing: 'Datenaustausch',
      sampleTransfer: 'Probentransfer',
      mobility: 'Mobilität',
      visitingResearchers: 'Gastforschende',
      infrastructureAccess: 'Zugang zu Infrastruktur',
      jointPublications: 'Gemeinsame Publikationen',
      ipLicensing: 'Schutzrechte, Lizenzen',
      equipmentDelivery: 'Lieferung von Geräten',
      contractOrMou: 'Vertrag oder MoU',
    } as Record<string, string>,
    data: {
      personal_data: 'Personenbezogene Daten',
      human_genetic_resources: 'Humangenetische Ressourcen',
      human_subjects: 'Studien am Menschen',
      biological_samples: 'Biologische Proben',
      geodata: 'Geodaten',
      environmental_data: 'Umweltdaten',
      technical_data: 'Technische Daten',
      software_source_code: 'Quellcode',
      confidential_business_data: 'Vertrauliche Geschäftsdaten',
      public_data: 'Öffentliche Daten',
    } as Record<string, string>,
  },
  en: {
    risk: { low: 'low', elevated: 'elevated', high: 'high', no_go: 'no-go' } as Record<string, string>,
    strength: { strong: 'strong', moderate: 'moderate', weak: 'weak' } as Record<string, string>,
    candidate: {
      match: 'counts for the risk',
      excluded: 'excluded',
      below_threshold: 'below the thresholds',
    } as Record<string, string>,
    band: {
      basic_research: 'basic research',
      development: 'development',
      application: 'application',
      unknown: 'unknown',
    } as Record<string, string>,
    consequence: {
      blocks_submission: 'blocks submission',
      needs_decision_maker: 'needs the decision-maker',
      warning: 'warning',
    } as Record<string, string>,
    vote: {
      no_objection: 'no objection',
      conditions: 'with conditions',
      objection: 'objection',
    } as Record<string, string>,
    reviewStatus: {
      open: 'open',
      waiting_for_information: 'waiting for information',
      completed: 'completed',
      cancelled: 'cancelled',
    } as Record<string, string>,
    kind: {
      university: 'University',
      research_institute: 'Research institute',
      company: 'Company',
      government_body: 'Government body',
      other: 'Other',
    } as Record<string, string>,
    activity: {
      jointResearch: 'Joint research',
      dataSharing: 'Data sharing',
      sampleTransfer: 'Sample transfer',
      mobility: 'Mobility',
      visitingResearchers: 'Visiting researchers',
      infrastructureAccess: 'Access to infrastructure',
      jointPublications: 'Joint publications',
      ipLicensing: 'IP and licensing',
      equipmentDelivery: 'Equipment delivery',
      contractOrMou: 'Contract or MoU',
    } as Record<string, string>,
    data: {
      personal_data: 'Personal data',
      human_genetic_resources: 'Human genetic resources',
      human_subjects: 'Human subjects',
      biological_samples: 'Biological samples',
      geodata: 'Geodata',
      environmental_data: 'Environmental data',
      technical_data: 'Technical data',
      software_source_code: 'Source code',
      confidential_business_data: 'Confidential business data',
      public_data: 'Public data',
    } as Record<string, string>,
  },
}

const auditActionWords: Record<DocumentLanguage, Record<string, string>> = {
  de: {
    'collaboration.created': 'Angelegt',
    'collaboration.draft_saved': 'Entwurf gespeichert',
    'collaboration.submitted': 'Eingereicht',
    'collaboration.review_started': 'Prüfung begonnen',
    'collaboration.decided': 'Entschieden',
    'collaboration.approved': 'Genehmigt',
    'collaboration.approved_with_conditions': 'Genehmigt mit Auflagen',
    'collaboration.declined': 'Abgelehnt',
    'review.completed': 'Stellungnahme abgegeben',
    'funder.informed': 'Fördergeber informiert',
    'funder_notice.prepared': 'Vorabinformation erstellt',
  },
  en: {
    'collaboration.created': 'Created',
    'collaboration.draft_saved': 'Draft saved',
    'collaboration.submitted': 'Submitted',
    'collaboration.review_started': 'Review started',
    'collaboration.decided': 'Decided',
    'collaboration.approved': 'Approved',
    'collaboration.approved_with_conditions': 'Approved with conditions',
    'collaboration.declined': 'Declined',
    'review.completed': 'Advice given',
    'funder.informed': 'Funder informed',
    'funder_notice.prepared': 'Funder notice prepared',
  },
}

function formatDay(language: DocumentLanguage, value: string | null | undefined): string {
  if (!value) return '—'
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)
  if (Number.isNaN(time)) return value
  return new Date(time).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
}

function formatMoney(language: DocumentLanguage, value: number | null): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(value)
}

function participantName(
  language: DocumentLanguage,
  offices: readonly Office[],
  participant: string,
): string {
  if (participant === 'expert_team') return language === 'de' ? 'Expertengremium' : 'Expert team'
  const office = offices.find((candidate) => candidate.key === participant)
  return office ? (language === 'de' ? office.nameDe : office.nameEn) : participant
}

/**
 * A passage with its highlighted terms marked »…«, so the quoted evidence survives in print. Long
 * passages (an Annex entry's full text) are cut to the words around the highlights, marked "…".
 */
export function markPassage(passage: Passage, radius = 160): string {
  const text = passage.text
  const highlights = [...passage.highlights]
    .filter(
      (highlight) => highlight.start >= 0 && highlight.end <= text.length && highlight.start < highlight.end,
    )
    .sort((a, b) => a.start - b.start)
  // Windows of text around the highlights, merged where they overlap; at most three.
  const windows: Array<{ start: number; end: number }> = []
  for (const highlight of highlights) {
    const start = Math.max(0, highlight.start - radius)
    const end = Math.min(text.length, highlight.end + radius)
    const last = windows.at(-1)
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else windows.push({ start, end })
  }
  const shown =
    windows.length > 0 ? windows.slice(0, 3) : [{ start: 0, end: Math.min(text.length, 2 * radius) }]
  const parts = shown.map((window) => {
    let part = ''
    let at = window.start
    for (const highlight of highlights) {
      if (highlight.start < at || highlight.end > window.end) continue
      part += `${text.slice(at, highlight.start)}»${text.slice(highlight.start, highlight.end)}«`
      at = highlight.end
    }
    part += text.slice(at, window.end)
    return `${window.start > 0 ? '… ' : ''}${part.replace(/\s+/g, ' ').trim()}${window.end < text.length ? ' …' : ''}`
  })
  return parts.join(' ').replace(/… …/g, '…')
}

function sheetSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const l = lookups[language]
  const { collaboration } = data
  const { sheet } = collaboration
  writer.heading(w.sheet)
  writer.keyValues([
    [w.reference, collaboration.reference],
    [w.title, sheet.title],
    [w.acronym, sheet.acronym],
    [w.status, statusWords[language][collaboration.status]],
    [
      w.unit,
      data.unit ? `${data.unit.code} – ${language === 'de' ? data.unit.nameDe : data.unit.nameEn}` : '—',
    ],
    [w.pis, sheet.principalInvestigators.map((person) => person.name).join(', ')],
    [
      w.duration,
      `${formatDay(language, sheet.interests.startDate)} – ${formatDay(language, sheet.interests.endDate)}`,
    ],
    [w.trl, sheet.trl === null ? '—' : String(sheet.trl)],
    [w.areas, sheet.researchAreas.join(', ')],
    [w.submitted, formatDay(language, collaboration.submittedAt)],
  ])
  if (sheet.summary) {
    writer.heading(w.summary, 2)
    writer.paragraph(sheet.summary)
  }
  writer.heading(w.partners, 2)
  writer.table(
    [
      { header: w.partner, width: 0.55 },
      { header: w.country, width: 0.15 },
      { header: w.kind, width: 0.3 },
    ],
    sheet.partners.map((partner) => [
      [partner.nameEnglish, partner.nameOriginal].filter(Boolean).join(' / '),
      partner.country ?? '—',
      partner.kind ? (l.kind[partner.kind] ?? partner.kind) : '—',
    ]),
  )
  const activities = Object.entries(sheet.activities)
    .filter(([key, value]) => value === true && key in l.activity)
    .map(([key]) => l.activity[key] ?? key)
  writer.heading(w.activities, 2)
  writer.paragraph(activities.length > 0 ? activities.join(', ') : w.none)
  if (sheet.activities.notes) writer.paragraph(sheet.activities.notes, { muted: true })
  writer.heading(w.data, 2)
  writer.paragraph(
    sheet.dataSamples.kinds.length > 0
      ? sheet.dataSamples.kinds.map((kind) => l.data[kind] ?? kind).join(', ')
      : w.none,
  )
  writer.heading(w.funding, 2)
  writer.keyValues([
    [
      w.funders,
      sheet.funding.funders
        .map((funder) => (funder.programme ? `${funder.name} (${funder.programme})` : funder.name))
        .join('; '),
    ],
    [w.budget, formatMoney(language, sheet.funding.totalBudgetEur)],
    [w.ownShare, formatMoney(language, sheet.funding.ownShareEur)],
    [w.securityBudget, formatMoney(language, sheet.funding.securityBudgetEur)],
  ])
}

function assessmentSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const l = lookups[language]
  writer.heading(w.assessment)
  const assessment = data.assessment
  if (!assessment) {
    writer.paragraph(w.notAssessed, { muted: true })
    return
  }
  const result = assessment.result
  writer.keyValues([
    [w.level, `${l.risk[result.riskLevel] ?? result.riskLevel} (${result.riskScore})`],
    [w.assessedAt, formatDay(language, assessment.createdAt)],
    [
      w.versions,
      w.versionsText
        .replace('{annex}', result.versions.annexLabel)
        .replace('{engine}', result.versions.engine)
        .replace('{areas}', String(result.versions.sensitiveAreas))
        .replace('{rules}', String(result.versions.noGoRules)),
    ],
  ])
  writer.heading(w.levelWhy, 2)
  writer.paragraph(language === 'de' ? result.summary.de : result.summary.en)
  if (result.factors.length > 0) {
    writer.table(
      [
        { header: w.factors, width: 0.85 },
        { header: '±', width: 0.15, align: 'right' },
      ],
      result.factors.map((factor) => [
        language === 'de' ? factor.reasonDe : factor.reasonEn,
        String(factor.weight),
      ]),
    )
  }
  writer.heading(w.candidates, 2)
  if (result.candidates.length === 0) writer.paragraph(w.noCandidates, { muted: true })
  for (const candidate of result.candidates) {
    writer.heading(`${candidate.code} – ${candidate.heading}`, 3)
    writer.keyValues([
      [w.strength, `${l.strength[candidate.strength] ?? candidate.strength} (${candidate.score.toFixed(2)})`],
      [w.candidateStatus, l.candidate[candidate.status] ?? candidate.status],
    ])
    if (candidate.evidence.project.length > 0) {
      writer.paragraph(w.evidenceProject, { bold: true, size: 9 })
      writer.bullets(
        candidate.evidence.project.map((passage) => `${passage.source}: ${markPassage(passage)}`),
      )
    }
    if (candidate.evidence.entry.length > 0) {
      writer.paragraph(w.evidenceEntry, { bold: true, size: 9 })
      writer.bullets(candidate.evidence.entry.map((passage) => `${passage.source}: ${markPassage(passage)}`))
    }
    if (candidate.thresholds.length > 0) {
      writer.paragraph(w.thresholds, { bold: true, size: 9 })
      writer.bullets(
        candidate.thresholds.map(
          (threshold) =>
            `${threshold.subParagraph}: ${threshold.found} / ${threshold.threshold} (${threshold.quantity})`,
        ),
      )
    }
    if (candidate.exclusionNote)
      writer.paragraph(`${w.exclusion}: ${candidate.exclusionNote}`, { muted: true })
  }
  writer.heading(w.areasTitle, 2)
  if (result.areas.length === 0) writer.paragraph(w.noAreas, { muted: true })
  for (const area of result.areas) {
    writer.heading(language === 'de' ? area.nameDe : area.nameEn, 3)
    writer.bullets(area.evidence.map((passage) => `${passage.source}: ${markPassage(passage)}`))
  }
  writer.heading(w.proportionality, 2)
  const proportionality = result.proportionality
  writer.keyValues([
    [w.trl, proportionality.trl === null ? '—' : String(proportionality.trl)],
    [w.band, l.band[proportionality.band] ?? proportionality.band],
    [
      w.exemptions,
      proportionality.exemptions.length > 0
        ? proportionality.exemptions
            .map((exemption) => (language === 'de' ? exemption.reasonDe : exemption.reasonEn))
            .join(' ')
        : w.none,
    ],
  ])
  writer.heading(w.noGos, 2)
  if (result.noGos.length === 0) writer.paragraph(w.noNoGos)
  else
    writer.bullets(
      result.noGos.map(
        (rule) =>
          `${language === 'de' ? rule.nameDe || rule.name : rule.name} (${l.consequence[rule.consequence] ?? rule.consequence}): ` +
          `${language === 'de' ? rule.explanationDe || rule.explanation : rule.explanation} [${rule.condition}]`,
      ),
    )
}

function screeningSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const { screening } = data
  writer.heading(w.screening)
  writer.keyValues([
    [w.listsScreened, String(screening.listsScreened)],
    [w.staleLists, screening.staleLists.length > 0 ? screening.staleLists.join(', ') : w.none],
  ])
  for (const partner of screening.partners) {
    const state =
      partner.status === 'not_screened'
        ? w.notScreened
        : `${partner.status === 'no_hits' ? w.noHits : partner.status === 'open_hits' ? w.openHits : w.hits} (${w.screenedAt} ${formatDay(language, partner.screenedAt)})`
    writer.heading(`${partner.name}${partner.country ? ` (${partner.country})` : ''}`, 3)
    writer.paragraph(state, { bold: partner.status === 'not_screened' || partner.status === 'open_hits' })
    if (partner.hits.length > 0) {
      writer.table(
        [
          { header: w.list, width: 0.22 },
          { header: w.match, width: 0.3 },
          { header: w.disposition, width: 0.48 },
        ],
        partner.hits.map((hit) => [
          `${hit.listName} (v${hit.listVersion})`,
          `${hit.matchedName} (${Math.round(hit.score * 100)} %)`,
          hit.disposition
            ? `${hit.disposition.decision === 'confirmed' ? w.confirmed : w.falsePositive} – ${w.by} ${hit.disposition.decidedBy}, ${formatDay(language, hit.disposition.decidedAt)}: ${hit.disposition.reason}`
            : w.undisposed,
        ]),
      )
    }
  }
}

function adviceSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const l = lookups[language]
  writer.heading(w.advice)
  const reviews = data.review.reviews.filter((review) => review.status !== 'cancelled')
  if (reviews.length === 0) writer.paragraph(w.noAdvice, { muted: true })
  for (const review of reviews) {
    writer.heading(participantName(language, data.offices, review.participant), 3)
    writer.keyValues([
      [w.status, l.reviewStatus[review.status] ?? review.status],
      [w.vote, review.recommendation ? (l.vote[review.recommendation] ?? review.recommendation) : '—'],
      [w.reviewer, review.completedBy ?? '—'],
      [w.due, formatDay(language, review.dueAt)],
      [w.completed, formatDay(language, review.completedAt)],
      [
        w.routedBecause,
        review.reasons
          .map((reason) => (language === 'de' ? reason.explanationDe : reason.explanationEn))
          .join(' '),
      ],
    ])
    if (review.findings) {
      writer.paragraph(w.reasons, { bold: true, size: 9 })
      writer.paragraph(review.findings)
    }
    if (review.conditions.length > 0) {
      writer.paragraph(w.conditions, { bold: true, size: 9 })
      writer.bullets(review.conditions)
    }
    if (review.requests.length > 0) {
      writer.paragraph(w.requests, { bold: true, size: 9 })
      writer.bullets(
        review.requests.map(
          (request) =>
            `${formatDay(language, request.askedAt)}: ${request.question}` +
            (request.answer
              ? ` — ${w.answer} (${formatDay(language, request.answeredAt)}): ${request.answer}`
              : ''),
        ),
      )
    }
  }
}

function decisionSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const { collaboration, review } = data
  writer.heading(w.decision)
  const decision = collaboration.decision
  if (!decision) writer.paragraph(w.noDecision, { muted: true })
  else {
    writer.keyValues([
      [w.outcome, statusWords[language][decision.outcome]],
      [w.decidedBy, decision.decidedBy],
      [w.decidedAt, formatDay(language, collaboration.decidedAt)],
      [w.decisionReasons, decision.reasons],
    ])
    if (decision.conditions.length > 0) {
      writer.paragraph(w.conditions, { bold: true, size: 9 })
      writer.bullets(decision.conditions, true)
    }
  }
  writer.heading(w.obligations, 2)
  if (review.obligations.length === 0) writer.paragraph(w.noObligations, { muted: true })
  else
    writer.table(
      [
        { header: w.conditions, width: 0.55 },
        { header: w.due, width: 0.17 },
        { header: w.status, width: 0.28 },
      ],
      review.obligations.map((obligation) => [
        obligation.text,
        formatDay(language, obligation.dueAt),
        obligation.status === 'fulfilled'
          ? `${w.fulfilled} ${formatDay(language, obligation.fulfilledAt)} (${obligation.fulfilledBy ?? ''})`
          : w.open,
      ]),
    )
  if (review.funderNotices.length > 0) {
    writer.heading(w.funderNotices, 2)
    writer.bullets(
      review.funderNotices.map(
        (notice) => `${formatDay(language, notice.sentAt)}: ${notice.recipients} (${notice.recordedBy})`,
      ),
    )
  }
}

function auditSection(writer: PdfWriter, data: CaseReportData, language: DocumentLanguage): void {
  const w = words[language]
  const { audit, chain } = data
  writer.heading(w.audit)
  writer.keyValues([
    [w.auditTotal, String(audit.total)],
    [w.auditFirst, formatDay(language, audit.firstAt)],
    [w.auditLast, formatDay(language, audit.lastAt)],
    [
      w.chainEntries,
      chain.entries.ok
        ? w.chainEntriesOk.replace('{n}', String(chain.entries.checked))
        : w.chainEntriesBroken.replace('{seq}', String(chain.entries.firstBrokenSeq ?? '?')),
    ],
    [
      w.chain,
      (chain.full.ok ? w.chainOk : w.chainBroken)
        .replace('{date}', formatDay(language, chain.full.checkedAt))
        .replace('{n}', String(chain.full.checked))
        .replace('{seq}', String(chain.full.firstBrokenSeq ?? '?')),
    ],
  ])
  writer.table(
    [
      { header: w.action, width: 0.8 },
      { header: w.count, width: 0.2, align: 'right' },
    ],
    audit.byAction.map((entry) => [
      auditActionWords[language][entry.action] ?? entry.action,
      String(entry.count),
    ]),
  )
}

/** Renders the assessment report of a case. */
export async function renderCaseReport(
  data: CaseReportData,
  language: DocumentLanguage,
  cjkFont: string | null,
): Promise<Buffer> {
  const w = words[language]
  const { collaboration } = data
  const writer = new PdfWriter({
    title: `${w.reportTitle} ${collaboration.reference}`,
    subtitle: collaboration.sheet.acronym
      ? `${collaboration.sheet.acronym} – ${collaboration.sheet.title}`
      : collaboration.sheet.title,
    language,
    institution: data.institution,
    generatedAt: data.generatedAt,
    cjkFont,
  })
  writer.paragraph(w.intro, { muted: true })
  writer.paragraph(`${w.generatedBy}: ${data.generatedBy}`, { muted: true, size: 9 })
  sheetSection(writer, data, language)
  assessmentSection(writer, data, language)
  screeningSection(writer, data, language)
  adviceSection(writer, data, language)
  decisionSection(writer, data, language)
  auditSection(writer, data, language)
  return writer.toBuffer()
}

/** The parts of the funder notice, shared by the text and the PDF. */
function noticeParts(data: FunderNoticeData, language: DocumentLanguage) {
  const w = words[language]
  const { collaboration, review } = data
  const { sheet } = collaboration
  const current = review.reviews.filter(
    (entry) => entry.round === review.round && entry.status !== 'cancelled',
  )
  const done = current.filter((entry) => entry.status === 'completed').length
  const dueDates = current.map((entry) => entry.dueAt).sort()
  const lastDue = dueDates.at(-1)
  const pi = sheet.principalInvestigators[0]?.name
  const security = data.offices.find((office) => office.key === 'research_security')
  const securityName = security ? (language === 'de' ? security.nameDe : security.nameEn) : ''
  const contact = [
    pi ? `${pi} (${w.projectLead})` : '',
    security ? `${w.contactOffice}: ${securityName}${security.email ? `, ${security.email}` : ''}` : '',
  ].filter(Boolean)
  return {
    recipients: sheet.funding.funders.map((funder) => funder.name).join('; '),
    subject: w.subject.replace('{reference}', collaboration.reference).replace('{title}', sheet.title),
    project: [
      [w.reference, collaboration.reference],
      [w.title, sheet.acronym ? `${sheet.title} (${sheet.acronym})` : sheet.title],
      [w.unit, data.unit ? (language === 'de' ? data.unit.nameDe : data.unit.nameEn) : '—'],
      [
        w.duration,
        `${formatDay(language, sheet.interests.startDate)} – ${formatDay(language, sheet.interests.endDate)}`,
      ],
      [
        w.funders,
        sheet.funding.funders
          .map((funder) => (funder.programme ? `${funder.name} (${funder.programme})` : funder.name))
          .join('; ') || '—',
      ],
    ] as Array<[string, string]>,
    partners: sheet.partners.map(
      (partner) =>
        `${partner.nameEnglish || partner.nameOriginal}${partner.country ? ` (${partner.country})` : ''}`,
    ),
    purpose: sheet.summary || sheet.title,
    status: [
      [w.status, statusWords[language][collaboration.status]],
      [w.submitted, formatDay(language, collaboration.submittedAt)],
      [
        w.officesInvolved,
        current.length > 0
          ? `${current.map((entry) => participantName(language, data.offices, entry.participant)).join(', ')} – ${w.officesDone.replace('{done}', String(done)).replace('{total}', String(current.length))}`
          : w.notStarted,
      ],
      [w.expected, lastDue ? formatDay(language, lastDue) : w.expectedUnknown],
    ] as Array<[string, string]>,
    contact,
  }
}

/** The funder notice as plain text for an e-mail. */
export function writeFunderNoticeText(data: FunderNoticeData, language: DocumentLanguage): FunderNoticeText {
  const w = words[language]
  const parts = noticeParts(data, language)
  const block = (rows: Array<[string, string]>) =>
    rows.map(([label, value]) => `${label}: ${value}`).join('\n')
  const text = [
    w.salutation,
    '',
    w.noticeIntro,
    '',
    `${w.project}`,
    block(parts.project),
    '',
    `${w.partners}`,
    ...parts.partners.map((partner) => `- ${partner}`),
    '',
    `${w.purpose}`,
    parts.purpose,
    '',
    `${w.reviewStatus}`,
    block(parts.status),
    '',
    `${w.contact}`,
    ...parts.contact,
    '',
    w.confidential,
    w.closing,
    '',
    w.regards,
    data.institution,
  ].join('\n')
  return { language, recipients: parts.recipients, subject: parts.subject, text }
}

/** The funder notice as PDF. */
export async function renderFunderNoticePdf(
  data: FunderNoticeData,
  language: DocumentLanguage,
  cjkFont: string | null,
): Promise<Buffer> {
  const w = words[language]
  const parts = noticeParts(data, language)
  const writer = new PdfWriter({
    title: w.noticeTitle,
    subtitle: `${data.collaboration.reference} – ${data.collaboration.sheet.title}`,
    language,
    institution: data.institution,
    generatedAt: data.generatedAt,
    cjkFont,
  })
  writer.paragraph(w.salutation)
  writer.paragraph(w.noticeIntro)
  writer.heading(w.project, 2)
  writer.keyValues(parts.project)
  writer.heading(w.partners, 2)
  writer.bullets(parts.partners)
  writer.heading(w.purpose, 2)
  writer.paragraph(parts.purpose)
  writer.heading(w.reviewStatus, 2)
  writer.keyValues(parts.status)
  writer.heading(w.contact, 2)
  writer.bullets(parts.contact)
  writer.paragraph(w.confidential, { muted: true })
  writer.paragraph(w.closing)
  writer.paragraph(`${w.regards}\n${data.institution}`)
  return writer.toBuffer()
}
