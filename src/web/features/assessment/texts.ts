/** German texts of the assessment pages (merged into the web client's dictionary). */
export const assessmentDe = {
  'assessment.nav': 'Dual-Use-Vorabprüfung',
  'assessment.navText': 'Technologiebereiche, No-go-Regeln, Checklisten, Referenzversionen und Anhang I',

  'assessment.risk.low': 'Geringes Risiko',
  'assessment.risk.elevated': 'Erhöhtes Risiko',
  'assessment.risk.high': 'Hohes Risiko',
  'assessment.risk.no_go': 'Eine Regel der Einrichtung greift',
  'assessment.risk.low.text':
    'Nach Ihrer Beschreibung deutet nichts auf kontrollierte Technologie hin. Die Fachstellen sehen sich den Fall trotzdem kurz an.',
  'assessment.risk.elevated.text':
    'Einige Stellen Ihrer Beschreibung ähneln der Dual-Use-Liste. Das ist häufig und kein Urteil: Die Exportkontrolle klärt, ob sie wirklich zutreffen.',
  'assessment.risk.high.text':
    'Ihre Beschreibung passt deutlich zu Positionen der Dual-Use-Liste. Die Exportkontrolle prüft das gründlich – genaue technische Angaben helfen dabei.',
  'assessment.risk.no_go.text':
    'Eine Regel Ihrer Einrichtung ist erfüllt. Bitte lesen Sie die Erklärung; über den Fall entscheiden Menschen, nicht der Assistent.',

  'assessment.panel.eyebrow': 'Assistent',
  'assessment.panel.title': 'Dual-Use-Vorabprüfung',
  'assessment.panel.assistant':
    'Bereitet die Prüfung vor und zeigt, worauf es sich stützt – entscheiden tun die Fachstellen.',
  'assessment.panel.updating': 'Wird aktualisiert …',
  'assessment.panel.updated': 'Aktualisiert: {level}',
  'assessment.panel.empty':
    'Sobald Sie Ihr Vorhaben beschreiben, erscheint hier eine erste Einschätzung – mit den Textstellen, auf die sie sich stützt.',
  'assessment.panel.first': 'Die Beschreibung wird geprüft …',
  'assessment.panel.failed': 'Die Vorabprüfung ist gerade nicht verfügbar',
  'assessment.panel.foot':
    'Es wird nichts gespeichert. Die Staatsangehörigkeit oder Herkunft von Personen spielt nie eine Rolle.',

  'assessment.candidates.title': 'Mögliche Positionen der Dual-Use-Liste',
  'assessment.candidates.hint': 'Öffnen Sie eine Position, um zu sehen, welche Wörter übereinstimmen.',
  'assessment.candidates.none': 'Keine Position der EU-Dual-Use-Liste (Anhang I) passt eindeutig.',
  'assessment.candidates.more': '{count} weitere Positionen',
  'assessment.candidates.takenOut': 'Durch Anmerkung oder Schwelle ausgenommen ({count})',
  'assessment.candidates.takenOutHint':
    'Diese Positionen ähneln Ihrer Beschreibung, aber eine Anmerkung der Liste nimmt das Vorhaben aus oder Ihre Werte liegen unter der Schwelle. Sie erhöhen das Risiko nicht.',
  'assessment.candidates.weak': 'Schwache Ähnlichkeiten ({count})',
  'assessment.candidates.weakHint':
    'Nur einzelne Wörter stimmen überein. Diese Positionen erhöhen das Risiko nicht.',
  'assessment.candidate.score': 'Punktzahl {score}',
  'assessment.candidate.showEvidence': 'Belege',
  'assessment.strength.strong': 'starke Übereinstimmung',
  'assessment.strength.moderate': 'mittlere Übereinstimmung',
  'assessment.strength.weak': 'schwache Übereinstimmung',
  'assessment.status.match': 'passt',
  'assessment.status.excluded': 'ausgenommen',
  'assessment.status.below_threshold': 'unter der Schwelle',

  'assessment.category.0': 'Kategorie 0 – Kerntechnik',
  'assessment.category.1': 'Kategorie 1 – Besondere Werkstoffe',
  'assessment.category.2': 'Kategorie 2 – Werkstoffbearbeitung',
  'assessment.category.3': 'Kategorie 3 – Elektronik',
  'assessment.category.4': 'Kategorie 4 – Rechner',
  'assessment.category.5': 'Kategorie 5 – Telekommunikation und Informationssicherheit',
  'assessment.category.6': 'Kategorie 6 – Sensoren und Laser',
  'assessment.category.7': 'Kategorie 7 – Luftfahrtelektronik und Navigation',
  'assessment.category.8': 'Kategorie 8 – Meeres- und Schiffstechnik',
  'assessment.category.9': 'Kategorie 9 – Luft- und Raumfahrt, Antriebe',
  'assessment.category.other': 'Kategorie {category}',

  'assessment.evidence.excludedBecause': 'Erhöht das Risiko nicht, weil die Liste sagt:',
  'assessment.evidence.belowThreshold':
    'Erhöht das Risiko nicht: Die Werte in Ihrem Text liegen unter den Schwellen dieser Position.',
  'assessment.evidence.mappings': 'Ihre Wörter in der Sprache der Liste',
  'assessment.evidence.means': 'bedeutet',
  'assessment.evidence.yourText': 'Ihr Text',
  'assessment.evidence.entryText': 'Anhang I, {code}',
  'assessment.evidence.fromField': 'aus: {field}',
  'assessment.evidence.fromEntry': 'Absatz {code}',
  'assessment.evidence.noProjectPassage':
    'Keine einzelne Textstelle; die Ähnlichkeit ergibt sich aus dem ganzen Text.',
  'assessment.evidence.thresholds': 'Zahlen in Ihrem Text neben den Schwellen der Position',
  'assessment.evidence.subParagraph': 'Absatz',
  'assessment.evidence.found': 'Ihr Text',
  'assessment.evidence.threshold': 'Position',
  'assessment.evidence.isMet': 'Erreicht?',
  'assessment.evidence.met': 'erreicht',
  'assessment.evidence.allThresholds': 'Alle {count} Vergleiche zeigen',
  'assessment.evidence.fewerThresholds': 'Weniger zeigen',
  'assessment.evidence.notMet': 'nicht erreicht',
  'assessment.evidence.openEntry': 'Volltext von {code} öffnen',

  'assessment.entry.title': 'Anhang I, Position {code}',
  'assessment.entry.version': 'Fassung {label} (Version {version})',
  'assessment.entry.marked': 'Die Stellen, die zu Ihrer Beschreibung passen, sind markiert.',
  'assessment.entry.notes': 'Anmerkungen',
  'assessment.entry.fullText': 'Volltext der Position',
  'assessment.entry.source':
    'Quelle: Anhang I der Verordnung (EU) 2021/821 (Dual-Use-Verordnung), englische Fassung. Verbindlich ist allein der Text im Amtsblatt.',

  'assessment.areas.title': 'Kritische Technologiebereiche',
  'assessment.areas.none': 'Keiner der kritischen Technologiebereiche der EU ist berührt.',
  'assessment.areas.terms': 'gefunden: {terms}',

  'assessment.trl.title': 'Verhältnismäßigkeit (Technologie-Reifegrad)',
  'assessment.trl.value': 'TRL {trl}:',
  'assessment.trl.unknown': 'Noch kein TRL angegeben:',
  'assessment.trl.gtn': 'Allgemeine Technologie-Anmerkung (Anhang I):',
  'assessment.trl.noExemption':
    'Die Ausnahmen der Allgemeinen Technologie-Anmerkung (Grundlagenforschung, veröffentlichte Informationen) greifen nach Ihren Angaben nicht ohne Weiteres.',
  'assessment.band.basic_research': 'Grundlagenforschung (TRL 1–3)',
  'assessment.band.development': 'Entwicklung (TRL 4–6)',
  'assessment.band.application': 'Anwendung (TRL 7–9)',
  'assessment.band.unknown': 'Reifegrad unbekannt',
  'assessment.band.basic_research.text':
    'Je grundlegender die Forschung, desto geringer das Gewicht der Befunde: Grundlagenforschung ist von der Technologiekontrolle ausgenommen.',
  'assessment.band.development.text':
    'In der Entwicklung zählen die Befunde voll: Hier entsteht anwendbares Wissen.',
  'assessment.band.application.text':
    'Nahe an der Anwendung wiegen die Befunde am stärksten; die Fachstellen prüfen Endverwendung und Partner genauer.',
  'assessment.band.unknown.text':
    'Geben Sie im ersten Schritt den Technologie-Reifegrad an – er bestimmt, wie stark die Befunde gewichtet werden.',

  'assessment.factors.title': 'Wie die Einschätzung zustande kommt',
  'assessment.factors.none': 'Kein Faktor erhöht das Risiko.',
  'assessment.factors.reason': 'Faktor',
  'assessment.factors.weight': 'Gewicht',
  'assessment.factors.total': 'Summe: {score}.',
  'assessment.factors.noOrigin': 'Staatsangehörigkeit oder Herkunft von Personen ist nie ein Faktor.',

  'assessment.noGo.title': 'Regeln Ihrer Einrichtung',
  'assessment.noGo.condition': 'Bedingung:',
  'assessment.consequence.blocks_submission': 'verhindert das Einreichen',
  'assessment.consequence.needs_decision_maker': 'braucht eine Entscheidung der Leitung',
  'assessment.consequence.warning': 'Hinweis',

  'assessment.offices.title': 'Beteiligte Fachstellen',
  'assessment.office.export_control': 'Exportkontrolle',
  'assessment.office.legal': 'Rechtsabteilung',
  'assessment.office.hr': 'Personalabteilung',
  'assessment.office.technology_transfer': 'Technologietransfer',
  'assessment.office.funding_office': 'Drittmittelverwaltung',
  'assessment.office.international_office': 'International Office',
  'assessment.office.ethics': 'Ethikkommission',
  'assessment.office.data_protection': 'Datenschutz',
  'assessment.office.research_security': 'Forschungssicherheit',
  'assessment.nextSteps.title': 'Nächste Schritte',

  'assessment.checklists.title': 'Checklisten für Ihr Fachgebiet',
  'assessment.checklists.hint':
    'Beantworten Sie die Fragen im Datenblatt; ein „Nein“ braucht eine kurze Begründung.',
  'assessment.checklist.meta': 'Verantwortlich: {office} · nächste Überprüfung {date} · Version {version}',
  'assessment.checklist.stale': 'Überprüfung überfällig',
  'assessment.checklist.staleHint':
    'Diese Checkliste hätte bereits überprüft werden sollen. Sie gilt weiter; die verantwortliche Stelle ist informiert.',
  'assessment.checklist.questions': '{count} Fragen anzeigen',

  'assessment.case.title': 'Dual-Use-Vorabprüfung',
  'assessment.case.intro':
    'Die automatische Vorabprüfung bereitet die Prüfung der Fachstellen vor. Sie entscheidet nichts; jede Einschätzung zeigt ihre Belege.',
  'assessment.case.none':
    'Der Fall wurde noch nicht vorab geprüft. Das geschieht automatisch beim Einreichen.',
  'assessment.case.run': 'Jetzt prüfen',
  'assessment.case.rerun': 'Erneut prüfen',
  'assessment.case.running': 'Wird geprüft …',
  'assessment.case.done': 'Die Vorabprüfung wurde mit dem aktuellen Datenblatt neu erstellt.',
  'assessment.case.made': 'Erstellt am {date} {by}, für Version {version} des Datenblatts.',
  'assessment.case.madeDraft': 'Erstellt am {date} {by}, für den Entwurf des Datenblatts.',
  'assessment.case.bySystem': 'automatisch',
  'assessment.case.byYou': 'von Ihnen',
  'assessment.case.byOther': 'auf Anforderung',
  'assessment.case.outdatedTitle': 'Der Fall wurde seitdem geändert',
  'assessment.case.outdated':
    'Diese Einschätzung beruht auf einem älteren Stand. „Erneut prüfen“ zeigt den aktuellen.',

  'assessment.versions.title': 'Verwendete Referenzdaten',
  'assessment.versions.hint': 'Mit diesen Versionen lässt sich die Einschätzung jederzeit nachvollziehen.',
  'assessment.versions.annex': 'Anhang I',
  'assessment.versions.vocabulary': 'Fachvokabular',
  'assessment.versions.sensitiveAreas': 'Technologiebereiche',
  'assessment.versions.noGoRules': 'No-go-Regeln',
  'assessment.versions.weights': 'Gewichte',
  'assessment.versions.engine': 'Prüfverfahren',

  'assessment.kind.annex': 'Anhang I (Dual-Use-Liste)',
  'assessment.kind.vocabulary': 'Fachvokabular',
  'assessment.kind.sensitive_areas': 'Technologiebereiche',
  'assessment.kind.no_go_rules': 'No-go-Regeln',
  'assessment.kind.weights': 'Gewichte',
  'assessment.kind.checklist': 'Checkliste',

  'assessment.admin.title': 'Dual-Use-Vorabprüfung',
  'assessment.admin.intro':
    'Die Daten, mit denen der Assistent Vorhaben vorab einschätzt. Jede Änderung wird als neue Version gespeichert; frühere Einschätzungen bleiben mit ihren Versionen nachvollziehbar.',
  'assessment.admin.tabs': 'Bereiche der Vorabprüfung',
  'assessment.admin.tab.areas': 'Technologiebereiche',
  'assessment.admin.tab.rules': 'No-go-Regeln',
  'assessment.admin.tab.checklists': 'Checklisten',
  'assessment.admin.tab.versions': 'Versionen',
  'assessment.admin.tab.annex': 'Anhang I',
  'assessment.admin.newVersionHint': 'Speichern legt eine neue Version an; die bisherige bleibt erhalten.',
  'assessment.admin.saveVersion': 'Als neue Version speichern',
  'assessment.admin.savedVersion': 'Gespeichert als Version {version}.',
  'assessment.admin.keyHint': 'Kleinbuchstaben, Ziffern und Unterstriche, z. B. military_end_use.',

  'assessment.admin.areas.intro':
    'Die kritischen Technologiebereiche (Empfehlung der EU-Kommission 2023) mit Beschreibung und Suchbegriffen, aktuell Version {version}.',
  'assessment.admin.areas.area': 'Bereich',
  'assessment.admin.areas.terms': 'Suchbegriffe',
  'assessment.admin.areas.moreTerms': 'und {count} weitere',
  'assessment.admin.areas.termsDe': 'Suchbegriffe (Deutsch)',
  'assessment.admin.areas.termsEn': 'Suchbegriffe (Englisch)',
  'assessment.admin.areas.termsHint': 'Ein Begriff pro Zeile.',

  'assessment.admin.rules.intro':
    'Regeln Ihrer Einrichtung, aktuell Version {version}. Die Erklärung sehen Forschende, wenn eine Regel greift.',
  'assessment.admin.rules.add': 'Regel hinzufügen',
  'assessment.admin.rules.edit': 'Regel bearbeiten',
  'assessment.admin.rules.empty': 'Noch keine No-go-Regeln',
  'assessment.admin.rules.rule': 'Regel',
  'assessment.admin.rules.key': 'Schlüssel',
  'assessment.admin.rules.nameDe': 'Name (Deutsch)',
  'assessment.admin.rules.nameEn': 'Name (Englisch)',
  'assessment.admin.rules.explanationDe': 'Erklärung für Forschende (Deutsch)',
  'assessment.admin.rules.explanationEn': 'Erklärung für Forschende (Englisch)',
  'assessment.admin.rules.explanationHint': 'Sagen Sie, warum die Regel gilt und was jetzt zu tun ist.',
  'assessment.admin.rules.condition': 'Bedingung',
  'assessment.admin.rules.conditionHint':
    'Zum Beispiel: trl >= 7 and partner_kind = company and area = quantum. Die Staatsangehörigkeit von Personen ist kein zulässiges Merkmal.',
  'assessment.admin.rules.consequence': 'Folge',

  'assessment.admin.checklists.intro':
    'Checklisten je Fachgebiet oder Technologiebereich, mit verantwortlicher Stelle und Überprüfungsdatum. Überfällige sind markiert.',
  'assessment.admin.checklists.add': 'Checkliste anlegen',
  'assessment.admin.checklists.empty': 'Noch keine Checklisten',
  'assessment.admin.checklists.checklist': 'Checkliste',
  'assessment.admin.checklists.key': 'Schlüssel',
  'assessment.admin.checklists.titleDe': 'Titel (Deutsch)',
  'assessment.admin.checklists.titleEn': 'Titel (Englisch)',
  'assessment.admin.checklists.owner': 'Verantwortliche Stelle',
  'assessment.admin.checklists.nextReview': 'Nächste Überprüfung',
  'assessment.admin.checklists.appliesTo': 'Gilt für',
  'assessment.admin.checklists.appliesToHint':
    'DFG-Fachgebiete (oder ihr Anfang, z. B. 315) und Schlüssel von Technologiebereichen, durch Kommas getrennt.',
  'assessment.admin.checklists.questions': 'Fragen',
  'assessment.admin.checklists.questionDe': 'Frage {n} (Deutsch)',
  'assessment.admin.checklists.questionEn': 'Frage {n} (Englisch)',
  'assessment.admin.checklists.addQuestion': 'Frage hinzufügen',
  'assessment.admin.checklists.removeQuestion': 'Frage {n} entfernen',
  'assessment.admin.checklists.summary': '{count} Fragen · Version {version} · gilt für {applies}',

  'assessment.admin.versions.intro':
    'Jede gespeicherte Version der Referenzdaten. Eine Einschätzung nennt die Versionen, mit denen sie entstand.',
  'assessment.admin.versions.kind': 'Art',
  'assessment.admin.versions.allKinds': 'Alle Arten',
  'assessment.admin.versions.version': 'Version',
  'assessment.admin.versions.label': 'Bezeichnung',
  'assessment.admin.versions.created': 'Angelegt',
  'assessment.admin.versions.hash': 'Prüfsumme',

  'assessment.admin.annex.intro':
    'Anhang I der Dual-Use-Verordnung durchsuchen: Eine Nummer wie 6A005 öffnet die Position, Wörter listen die Positionen, denen sie ähneln.',
  'assessment.admin.annex.search': 'Nummer oder Suchwörter',
  'assessment.admin.annex.searchHint': 'z. B. 9A012 oder „Faserlaser hoher Leistung“',
  'assessment.admin.annex.version': 'Fassung',
  'assessment.admin.annex.newest': 'Neueste',
  'assessment.admin.annex.noResults': 'Keine passende Position gefunden',
} as const

/** English texts of the assessment pages; the same keys as the German ones. */
export const assessmentEn: Record<keyof typeof assessmentDe, string> = {
  'assessment.nav': 'Dual-use pre-assessment',
  'assessment.navText': 'Technology areas, no-go rules, checklists, reference versions and Annex I',

  'assessment.risk.low': 'Low risk',
  'assessment.risk.elevated': 'Elevated risk',
  'assessment.risk.high': 'High risk',
  'assessment.risk.no_go': 'An institutional rule applies',
  'assessment.risk.low.text':
    'Nothing in your description points to controlled technology. The offices will still take a short look.',
  'assessment.risk.elevated.text':
    'Some parts of your description resemble the dual-use list. This is common and not a verdict: the export control office will clarify whether they really apply.',
  'assessment.risk.high.text':
    'Your description clearly matches entries of the dual-use list. The export control office will look closely – precise technical details help.',
  'assessment.risk.no_go.text':
    'A rule of your institution is met. Please read its explanation; people decide about the case, not the assistant.',

  'assessment.panel.eyebrow': 'Assistant',
  'assessment.panel.title': 'Dual-use pre-assessment',
  'assessment.panel.assistant': 'Prepares the review and shows what it is based on – the offices decide.',
  'assessment.panel.updating': 'Updating …',
  'assessment.panel.updated': 'Updated: {level}',
  'assessment.panel.empty':
    'As soon as you describe your project, a first assessment appears here – with the passages it is based on.',
  'assessment.panel.first': 'Checking the description …',
  'assessment.panel.failed': 'The pre-assessment is not available right now',
  'assessment.panel.foot': 'Nothing is stored. A person’s nationality or origin never plays a part.',

  'assessment.candidates.title': 'Possible entries of the dual-use list',
  'assessment.candidates.hint': 'Open an entry to see which words match.',
  'assessment.candidates.none': 'No entry of the EU dual-use list (Annex I) clearly matches.',
  'assessment.candidates.more': '{count} more entries',
  'assessment.candidates.takenOut': 'Taken out by a note or threshold ({count})',
  'assessment.candidates.takenOutHint':
    'These entries resemble your description, but a note of the list takes the project out or your values stay below the threshold. They do not raise the risk.',
  'assessment.candidates.weak': 'Weak resemblances ({count})',
  'assessment.candidates.weakHint': 'Only single words match. These entries do not raise the risk.',
  'assessment.candidate.score': 'Score {score}',
  'assessment.candidate.showEvidence': 'Evidence',
  'assessment.strength.strong': 'strong match',
  'assessment.strength.moderate': 'moderate match',
  'assessment.strength.weak': 'weak match',
  'assessment.status.match': 'matches',
  'assessment.status.excluded': 'excluded',
  'assessment.status.below_threshold': 'below threshold',

  'assessment.category.0': 'Category 0 – Nuclear materials, facilities and equipment',
  'assessment.category.1': 'Category 1 – Special materials',
  'assessment.category.2': 'Category 2 – Materials processing',
  'assessment.category.3': 'Category 3 – Electronics',
  'assessment.category.4': 'Category 4 – Computers',
  'assessment.category.5': 'Category 5 – Telecommunications and information security',
  'assessment.category.6': 'Category 6 – Sensors and lasers',
  'assessment.category.7': 'Category 7 – Navigation and avionics',
  'assessment.category.8': 'Category 8 – Marine',
  'assessment.category.9': 'Category 9 – Aerospace and propulsion',
  'assessment.category.other': 'Category {category}',

  'assessment.evidence.excludedBecause': 'Does not raise the risk because the list says:',
  'assessment.evidence.belowThreshold':
    'Does not raise the risk: the values in your text stay below the thresholds of this entry.',
  'assessment.evidence.mappings': 'Your words in the language of the list',
  'assessment.evidence.means': 'means',
  'assessment.evidence.yourText': 'Your text',
  'assessment.evidence.entryText': 'Annex I, {code}',
  'assessment.evidence.fromField': 'from: {field}',
  'assessment.evidence.fromEntry': 'Paragraph {code}',
  'assessment.evidence.noProjectPassage':
    'No single passage; the resemblance comes from the text as a whole.',
  'assessment.evidence.thresholds': 'Numbers in your text next to the entry’s thresholds',
  'assessment.evidence.subParagraph': 'Paragraph',
  'assessment.evidence.found': 'Your text',
  'assessment.evidence.threshold': 'Entry',
  'assessment.evidence.isMet': 'Reached?',
  'assessment.evidence.met': 'reached',
  'assessment.evidence.allThresholds': 'Show all {count} comparisons',
  'assessment.evidence.fewerThresholds': 'Show fewer',
  'assessment.evidence.notMet': 'not reached',
  'assessment.evidence.openEntry': 'Open the full text of {code}',

  'assessment.entry.title': 'Annex I, entry {code}',
  'assessment.entry.version': 'Edition {label} (version {version})',
  'assessment.entry.marked': 'The passages that match your description are marked.',
  'assessment.entry.notes': 'Notes',
  'assessment.entry.fullText': 'Full text of the entry',
  'assessment.entry.source':
    'Source: Annex I of Regulation (EU) 2021/821 (Dual-Use Regulation). Only the text in the Official Journal is binding.',

  'assessment.areas.title': 'Critical technology areas',
  'assessment.areas.none': 'None of the EU’s critical technology areas is touched.',
  'assessment.areas.terms': 'found: {terms}',

  'assessment.trl.title': 'Proportionality (technology readiness)',
  'assessment.trl.value': 'TRL {trl}:',
  'assessment.trl.unknown': 'No TRL given yet:',
  'assessment.trl.gtn': 'General Technology Note (Annex I):',
  'assessment.trl.noExemption':
    'From what you entered, the exemptions of the General Technology Note (basic scientific research, information in the public domain) do not obviously apply.',
  'assessment.band.basic_research': 'Basic research (TRL 1–3)',
  'assessment.band.development': 'Development (TRL 4–6)',
  'assessment.band.application': 'Application (TRL 7–9)',
  'assessment.band.unknown': 'Readiness unknown',
  'assessment.band.basic_research.text':
    'The more basic the research, the less the findings weigh: basic scientific research is exempt from technology controls.',
  'assessment.band.development.text':
    'In development the findings count in full: this is where applicable know-how arises.',
  'assessment.band.application.text':
    'Close to application the findings weigh most; the offices look more closely at end use and partners.',
  'assessment.band.unknown.text':
    'Enter the technology readiness level in the first step – it decides how much the findings weigh.',

  'assessment.factors.title': 'How the assessment comes about',
  'assessment.factors.none': 'No factor raises the risk.',
  'assessment.factors.reason': 'Factor',
  'assessment.factors.weight': 'Weight',
  'assessment.factors.total': 'Total: {score}.',
  'assessment.factors.noOrigin': 'A person’s nationality or origin is never a factor.',

  'assessment.noGo.title': 'Rules of your institution',
  'assessment.noGo.condition': 'Condition:',
  'assessment.consequence.blocks_submission': 'blocks submission',
  'assessment.consequence.needs_decision_maker': 'needs a decision by the leadership',
  'assessment.consequence.warning': 'notice',

  'assessment.offices.title': 'Offices involved',
  'assessment.office.export_control': 'Export control',
  'assessment.office.legal': 'Legal office',
  'assessment.office.hr': 'Human resources',
  'assessment.office.technology_transfer': 'Technology transfer',
  'assessment.office.funding_office': 'Funding office',
  'assessment.office.international_office': 'International office',
  'assessment.office.ethics': 'Ethics committee',
  'assessment.office.data_protection': 'Data protection',
  'assessment.office.research_security': 'Research security',
  'assessment.nextSteps.title': 'Next steps',

  'assessment.checklists.title': 'Checklists for your field',
  'assessment.checklists.hint': 'Answer the questions in the data sheet; a “no” needs a short reason.',
  'assessment.checklist.meta': 'Owner: {office} · next review {date} · version {version}',
  'assessment.checklist.stale': 'Review overdue',
  'assessment.checklist.staleHint':
    'This checklist should have been reviewed already. It still applies; the owning office has been told.',
  'assessment.checklist.questions': 'Show {count} questions',

  'assessment.case.title': 'Dual-use pre-assessment',
  'assessment.case.intro':
    'The automatic pre-assessment prepares the offices’ review. It decides nothing; every judgement shows its evidence.',
  'assessment.case.none':
    'This case has not been pre-assessed yet. That happens automatically on submission.',
  'assessment.case.run': 'Assess now',
  'assessment.case.rerun': 'Re-assess',
  'assessment.case.running': 'Assessing …',
  'assessment.case.done': 'The pre-assessment was made again from the current data sheet.',
  'assessment.case.made': 'Made on {date} {by}, for version {version} of the data sheet.',
  'assessment.case.madeDraft': 'Made on {date} {by}, for the draft of the data sheet.',
  'assessment.case.bySystem': 'automatically',
  'assessment.case.byYou': 'by you',
  'assessment.case.byOther': 'on request',
  'assessment.case.outdatedTitle': 'The case has changed since',
  'assessment.case.outdated':
    'This assessment is based on an earlier state. “Re-assess” shows the current one.',

  'assessment.versions.title': 'Reference data used',
  'assessment.versions.hint': 'With these versions the assessment can be reproduced at any time.',
  'assessment.versions.annex': 'Annex I',
  'assessment.versions.vocabulary': 'Domain vocabulary',
  'assessment.versions.sensitiveAreas': 'Technology areas',
  'assessment.versions.noGoRules': 'No-go rules',
  'assessment.versions.weights': 'Weights',
  'assessment.versions.engine': 'Engine',

  'assessment.kind.annex': 'Annex I (dual-use list)',
  'assessment.kind.vocabulary': 'Domain vocabulary',
  'assessment.kind.sensitive_areas': 'Technology areas',
  'assessment.kind.no_go_rules': 'No-go rules',
  'assessment.kind.weights': 'Weights',
  'assessment.kind.checklist': 'Checklist',

  'assessment.admin.title': 'Dual-use pre-assessment',
  'assessment.admin.intro':
    'The data the assistant uses to pre-assess projects. Every change is stored as a new version; earlier assessments stay reproducible with their versions.',
  'assessment.admin.tabs': 'Parts of the pre-assessment',
  'assessment.admin.tab.areas': 'Technology areas',
  'assessment.admin.tab.rules': 'No-go rules',
  'assessment.admin.tab.checklists': 'Checklists',
  'assessment.admin.tab.versions': 'Versions',
  'assessment.admin.tab.annex': 'Annex I',
  'assessment.admin.newVersionHint': 'Saving creates a new version; the previous one is kept.',
  'assessment.admin.saveVersion': 'Save as new version',
  'assessment.admin.savedVersion': 'Saved as version {version}.',
  'assessment.admin.keyHint': 'Lower-case letters, digits and underscores, e.g. military_end_use.',

  'assessment.admin.areas.intro':
    'The critical technology areas (European Commission Recommendation 2023) with description and search terms, currently version {version}.',
  'assessment.admin.areas.area': 'Area',
  'assessment.admin.areas.terms': 'Search terms',
  'assessment.admin.areas.moreTerms': 'and {count} more',
  'assessment.admin.areas.termsDe': 'Search terms (German)',
  'assessment.admin.areas.termsEn': 'Search terms (English)',
  'assessment.admin.areas.termsHint': 'One term per line.',

  'assessment.admin.rules.intro':
    'Your institution’s rules, currently version {version}. Researchers see the explanation when a rule applies.',
  'assessment.admin.rules.add': 'Add rule',
  'assessment.admin.rules.edit': 'Edit rule',
  'assessment.admin.rules.empty': 'No no-go rules yet',
  'assessment.admin.rules.rule': 'Rule',
  'assessment.admin.rules.key': 'Key',
  'assessment.admin.rules.nameDe': 'Name (German)',
  'assessment.admin.rules.nameEn': 'Name (English)',
  'assessment.admin.rules.explanationDe': 'Explanation for researchers (German)',
  'assessment.admin.rules.explanationEn': 'Explanation for researchers (English)',
  'assessment.admin.rules.explanationHint': 'Say why the rule applies and what to do now.',
  'assessment.admin.rules.condition': 'Condition',
  'assessment.admin.rules.conditionHint':
    'For example: trl >= 7 and partner_kind = company and area = quantum. A person’s nationality is not an allowed fact.',
  'assessment.admin.rules.consequence': 'Consequence',

  'assessment.admin.checklists.intro':
    'Checklists per research area or technology area, with owning office and review date. Overdue ones are marked.',
  'assessment.admin.checklists.add': 'New checklist',
  'assessment.admin.checklists.empty': 'No checklists yet',
  'assessment.admin.checklists.checklist': 'Checklist',
  'assessment.admin.checklists.key': 'Key',
  'assessment.admin.checklists.titleDe': 'Title (German)',
  'assessment.admin.checklists.titleEn': 'Title (English)',
  'assessment.admin.checklists.owner': 'Owning office',
  'assessment.admin.checklists.nextReview': 'Next review',
  'assessment.admin.checklists.appliesTo': 'Applies to',
  'assessment.admin.checklists.appliesToHint':
    'DFG subject areas (or their start, e.g. 315) and technology area keys, separated by commas.',
  'assessment.admin.checklists.questions': 'Questions',
  'assessment.admin.checklists.questionDe': 'Question {n} (German)',
  'assessment.admin.checklists.questionEn': 'Question {n} (English)',
  'assessment.admin.checklists.addQuestion': 'Add question',
  'assessment.admin.checklists.removeQuestion': 'Remove question {n}',
  'assessment.admin.checklists.summary': '{count} questions · version {version} · applies to {applies}',

  'assessment.admin.versions.intro':
    'Every stored version of the reference data. An assessment names the versions it was made with.',
  'assessment.admin.versions.kind': 'Kind',
  'assessment.admin.versions.allKinds': 'All kinds',
  'assessment.admin.versions.version': 'Version',
  'assessment.admin.versions.label': 'Label',
  'assessment.admin.versions.created': 'Created',
  'assessment.admin.versions.hash': 'Checksum',

  'assessment.admin.annex.intro':
    'Search Annex I of the Dual-Use Regulation: a code such as 6A005 opens the entry, words list the entries they resemble.',
  'assessment.admin.annex.search': 'Code or search words',
  'assessment.admin.annex.searchHint': 'e.g. 9A012 or “high-power fibre laser”',
  'assessment.admin.annex.version': 'Edition',
  'assessment.admin.annex.newest': 'Newest',
  'assessment.admin.annex.noResults': 'No matching entry found',
}
