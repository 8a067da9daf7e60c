import type { Vocabulary, VocabularyEntry } from './template.engine.js'

/**
 * The placeholders a contract template may use, with what each means, in German and English.
 * The templates page shows this list; a template naming anything else is refused when saved.
 * Values come from the case's data sheet (`template.context.ts`); what the sheet does not hold
 * (addresses, the authorised signatory, the place of jurisdiction) is left for the legal office
 * and appears in the draft as "[to be completed: …]".
 */

type Words = [de: string, en: string]

function entry(type: 'text' | 'flag', label: Words, description: Words): VocabularyEntry {
  return {
    type,
    label: { de: label[0], en: label[1] },
    description: { de: description[0], en: description[1] },
  }
}
const text = (label: Words, description: Words) => entry('text', label, description)
const flag = (label: Words, description: Words) => entry('flag', label, description)
function list(label: Words, description: Words, fields?: Record<string, VocabularyEntry>): VocabularyEntry {
  return {
    type: 'list',
    label: { de: label[0], en: label[1] },
    description: { de: description[0], en: description[1] },
    ...(fields ? { fields } : {}),
  }
}

const notInSheet: Words = [
  'Nicht im Datenblatt erfasst; die Rechtsabteilung ergänzt.',
  'Not held by the data sheet; the legal office completes it.',
]

/** The contract-template vocabulary. */
export const templateVocabulary: Vocabulary = {
  'institution.name': text(
    ['Name der Einrichtung', 'name of the institution'],
    ['Aus der Konfiguration (INSTITUTION_NAME).', 'From the configuration (INSTITUTION_NAME).'],
  ),
  'institution.unit': text(
    ['Organisationseinheit', 'organisational unit'],
    ['Die Einheit, die im Datenblatt angegeben ist.', 'The unit named in the data sheet.'],
  ),
  'institution.address': text(['Anschrift der Einrichtung', 'address of the institution'], notInSheet),
  'institution.country': text(
    ['Sitzland der Einrichtung', 'country of the institution'],
    ['Deutschland / Germany.', 'Germany.'],
  ),
  'institution.signatory': text(
    ['Vertretungsberechtigte Person der Einrichtung', 'authorised signatory of the institution'],
    notInSheet,
  ),
  principalInvestigators: list(
    ['Projektleitung', 'principal investigators'],
    [
      'Die Projektleiterinnen und -leiter der Einrichtung; Feld {{name}}.',
      "The institution's principal investigators; field {{name}}.",
    ],
    { name: text(['Name', 'name'], ['Name der Person.', 'Name of the person.']) },
  ),
  partners: list(
    ['Partner', 'partners'],
    ['Jede Partnerorganisation aus dem Datenblatt.', 'Every partner organisation of the data sheet.'],
    {
      name: text(
        ['Name des Partners', 'partner name'],
        ['Englischer Name, sonst Originalname.', 'English name, otherwise the original name.'],
      ),
      nameOriginal: text(
        ['Originalname des Partners', "partner's original name"],
        [
          'Name in der Originalsprache (auch chinesisch).',
          'Name in the original language (Chinese included).',
        ],
      ),
      department: text(
        ['Abteilung des Partners', "partner's department"],
        ['Institut, Fakultät oder Abteilung.', 'Institute, faculty or department.'],
      ),
      kind: text(
        ['Art des Partners', 'kind of partner'],
        ['Universität, Forschungsinstitut, Unternehmen …', 'University, research institute, company …'],
      ),
      country: text(
        ['Land des Partners', "partner's country"],
        ['Ländername in der Sprache der Vorlage.', "Country name in the template's language."],
      ),
      countryCode: text(
        ['Ländercode des Partners', "partner's country code"],
        ['ISO 3166-1, z. B. CN.', 'ISO 3166-1, e.g. CN.'],
      ),
      address: text(['Anschrift des Partners', "partner's address"], notInSheet),
      contactName: text(
        ['Kontaktperson des Partners', "partner's contact person"],
        ['Name der Kontaktperson.', 'Name of the contact person.'],
      ),
      contactRole: text(
        ['Funktion der Kontaktperson', "contact person's role"],
        ['Funktion der Kontaktperson.', "The contact person's role."],
      ),
    },
  ),
  'project.title': text(
    ['Projekttitel', 'project title'],
    ['Titel aus dem Datenblatt.', 'Title from the data sheet.'],
  ),
  'project.acronym': text(['Akronym', 'acronym'], ['Kurzname des Projekts.', 'Short name of the project.']),
  'project.reference': text(
    ['Aktenzeichen', 'case reference'],
    ['Aktenzeichen des Falls in Liaison.', 'The case reference in Liaison.'],
  ),
  'project.purpose': text(
    ['Zweck der Zusammenarbeit', 'purpose of the collaboration'],
    ['Kurzbeschreibung aus dem Datenblatt.', 'The summary from the data sheet.'],
  ),
  'project.benefits': text(
    ['Erwarteter Nutzen', 'expected benefits'],
    ['Erwarteter Nutzen aus dem Datenblatt.', 'Expected benefits from the data sheet.'],
  ),
  'project.researchAreas': text(
    ['Forschungsgebiete', 'research areas'],
    ['DFG-Fachgebiete, durch Kommas getrennt.', 'DFG subject areas, comma-separated.'],
  ),
  'project.keywords': text(
    ['Schlagwörter', 'keywords'],
    ['Schlagwörter, durch Kommas getrennt.', 'Keywords, comma-separated.'],
  ),
  'activities.list': list(
    ['Vereinbarte Tätigkeiten', 'agreed activities'],
    [
      'Die angekreuzten Tätigkeiten als Texte; {{this}} in der Schleife.',
      'The ticked activities as texts; {{this}} inside the loop.',
    ],
  ),
  'activities.jointResearch': flag(
    ['Gemeinsame Forschung', 'joint research'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.dataSharing': flag(
    ['Datenaustausch', 'data sharing'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.sampleTransfer': flag(
    ['Probentransfer', 'sample transfer'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.mobility': flag(
    ['Mobilität', 'mobility'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.mobilityDescription': text(
    ['Art und Dauer der Mobilität', 'kind and length of mobility'],
    [
      'Richtung und Monate, z. B. „in beide Richtungen, 6 Monate“.',
      'Direction and months, e.g. "in both directions, 6 months".',
    ],
  ),
  'activities.visitingResearchers': flag(
    ['Gastforschende', 'visiting researchers'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.infrastructureAccess': flag(
    ['Zugang zu Infrastruktur', 'infrastructure access'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.jointPublications': flag(
    ['Gemeinsame Veröffentlichungen', 'joint publications'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.ipLicensing': flag(
    ['Schutzrechte und Lizenzen', 'IP and licensing'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.equipmentDelivery': flag(
    ['Lieferung von Geräten', 'delivery of equipment'],
    ['Angekreuzt im Datenblatt.', 'Ticked in the data sheet.'],
  ),
  'activities.notes': text(
    ['Anmerkungen zu den Tätigkeiten', 'notes on the activities'],
    ['Freitext aus dem Datenblatt.', 'Free text from the data sheet.'],
  ),
  'data.any': flag(
    ['Daten oder Proben beteiligt', 'data or samples involved'],
    [
      'Wahr, wenn Datenarten angegeben oder Datenaustausch bzw. Probentransfer angekreuzt sind.',
      'True when data kinds are given or data sharing or sample transfer is ticked.',
    ],
  ),
  'data.kinds': list(
    ['Datenarten', 'kinds of data'],
    ['Die angegebenen Datenarten als Texte; {{this}}.', 'The data kinds given, as texts; {{this}}.'],
  ),
  'data.personalData': flag(
    ['Personenbezogene Daten', 'personal data'],
    ['Personenbezogene Daten oder Studien mit Menschen.', 'Personal data or human subjects.'],
  ),
  'data.humanGeneticResources': flag(
    ['Humangenetische Ressourcen', 'human genetic resources'],
    ['Angegeben im Datenblatt.', 'Given in the data sheet.'],
  ),
  'data.samples': flag(
    ['Proben', 'samples'],
    ['Biologische Proben oder Probentransfer.', 'Biological samples or sample transfer.'],
  ),
  'data.storage': text(
    ['Speicherort der Daten', 'where the data are stored'],
    ['Aus dem Datenblatt.', 'From the data sheet.'],
  ),
  'data.processing': text(
    ['Verarbeitung der Daten', 'how the data are processed'],
    ['Aus dem Datenblatt.', 'From the data sheet.'],
  ),
  'data.access': text(
    ['Zugriff auf die Daten', 'who has access to the data'],
    ['Aus dem Datenblatt.', 'From the data sheet.'],
  ),
  'agreement.reciprocity': text(
    ['Gegenseitigkeit', 'reciprocity'],
    ['Was jede Seite beiträgt und erhält.', 'What each side contributes and receives.'],
  ),
  'agreement.exitOptions': text(
    ['Ausstiegsmöglichkeiten', 'exit options'],
    ['Ausstiegsoptionen aus dem Datenblatt.', 'Exit options from the data sheet.'],
  ),
  'agreement.conditions': list(
    ['Auflagen der Entscheidung', 'conditions of the decision'],
    [
      'Die Auflagen der Genehmigung, falls vorhanden; {{this}}.',
      'Conditions of the approval, if any; {{this}}.',
    ],
  ),
  'agreement.noGos': list(
    ['Ausschlüsse der Einrichtung', "the institution's no-gos"],
    [
      'Die No-go-Regeln der Einrichtung als Vertragssprache (Felder {{title}}, {{clause}}).',
      "The institution's no-go rules as contract language (fields {{title}}, {{clause}}).",
    ],
    {
      title: text(['Titel des Ausschlusses', 'title of the no-go'], ['Name der Regel.', 'Name of the rule.']),
      clause: text(
        ['Vertragstext des Ausschlusses', 'contract text of the no-go'],
        ['Die Regel als Verpflichtung formuliert.', 'The rule phrased as an obligation.'],
      ),
    },
  ),
  'agreement.governingLaw': text(['Anwendbares Recht', 'governing law'], ['Deutsches Recht.', 'German law.']),
  'agreement.placeOfJurisdiction': text(['Gerichtsstand', 'place of jurisdiction'], notInSheet),
  'agreement.startDate': text(
    ['Beginn', 'start date'],
    ['Beginn aus dem Datenblatt, als Datum.', 'Start date from the data sheet.'],
  ),
  'agreement.endDate': text(
    ['Ende', 'end date'],
    ['Ende aus dem Datenblatt, als Datum.', 'End date from the data sheet.'],
  ),
  'agreement.durationMonths': text(
    ['Laufzeit in Monaten', 'duration in months'],
    ['Aus Beginn und Ende berechnet.', 'Computed from start and end date.'],
  ),
  'agreement.date': text(
    ['Datum des Entwurfs', 'date of the draft'],
    ['Tag der Erstellung.', 'The day the draft was generated.'],
  ),
  'funding.funders': list(
    ['Geldgeber', 'funders'],
    [
      'Jeder Geldgeber mit Programm; Felder {{name}}, {{programme}}.',
      'Every funder with programme; fields {{name}}, {{programme}}.',
    ],
    {
      name: text(['Geldgeber', 'funder'], ['Name des Geldgebers.', 'Name of the funder.']),
      programme: text(['Förderprogramm', 'programme'], ['Förderprogramm.', 'Funding programme.']),
    },
  ),
  'funding.totalBudget': text(
    ['Gesamtbudget', 'total budget'],
    ['In Euro, formatiert.', 'In euro, formatted.'],
  ),
  'funding.ownShare': text(['Eigenanteil', 'own share'], ['In Euro, formatiert.', 'In euro, formatted.']),
}
