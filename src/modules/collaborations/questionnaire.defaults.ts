import type { Question } from './collaboration.schema.js'

/**
 * The first version of the export-control and data-security questionnaire. Each question is put
 * so that "yes" is the unremarkable answer; a "no" or "unknown" asks for a short explanation.
 */
export const defaultQuestions: Question[] = [
  {
    key: 'list_check',
    section: 'export_control',
    textDe:
      'Haben Sie geprüft, ob Güter, Software oder Technologie, die weitergegeben werden, auf der EU-Dual-Use-Liste (Anhang I der VO 2021/821) oder nationalen Listen stehen?',
    textEn:
      'Have you checked whether goods, software or technology to be shared appear on the EU dual-use list (Annex I of Regulation 2021/821) or national lists?',
    helpDe:
      'Die Vorprüfung in Liaison zeigt mögliche Listenpositionen; die Exportkontrolle hilft bei Unklarheiten.',
    helpEn:
      'Liaison’s pre-assessment shows possible list entries; the export control office helps when in doubt.',
  },
  {
    key: 'basic_research',
    section: 'export_control',
    textDe:
      'Beschränkt sich die Zusammenarbeit auf Grundlagenforschung und öffentlich zugängliche Informationen (keine Weitergabe von Entwicklungs- oder Fertigungswissen)?',
    textEn:
      'Is the collaboration limited to basic scientific research and publicly available information (no transfer of development or production know-how)?',
    helpDe:
      'Grundlagenforschung und veröffentlichte Informationen sind nach der Allgemeinen Technologie-Anmerkung freigestellt.',
    helpEn:
      'Basic scientific research and published information are exempt under the General Technology Note.',
  },
  {
    key: 'civil_end_use',
    section: 'end_use',
    textDe: 'Sind die erwarteten Ergebnisse ausschließlich für zivile Zwecke bestimmt?',
    textEn: 'Are the expected results intended exclusively for civil purposes?',
    helpDe: 'Denken Sie an die Endverwendung beim Partner, nicht nur an Ihre eigene.',
    helpEn: 'Think of the end use at the partner, not only your own.',
  },
  {
    key: 'no_security_end_user',
    section: 'end_use',
    textDe:
      'Können Sie nach bestem Wissen ausschließen, dass Ergebnisse an militärische oder Sicherheitsbehörden weitergegeben werden?',
    textEn:
      'To the best of your knowledge, can you rule out that results are passed on to military or security bodies?',
    helpDe: '',
    helpEn: '',
  },
  {
    key: 'data_on_managed_systems',
    section: 'data_security',
    textDe:
      'Werden Daten und unveröffentlichte Ergebnisse nur auf Systemen des Instituts oder freigegebenen Diensten gespeichert?',
    textEn:
      'Will data and unpublished results be stored only on systems managed by the institution or approved services?',
    helpDe: '',
    helpEn: '',
  },
  {
    key: 'access_limited',
    section: 'data_security',
    textDe:
      'Ist der Zugang zu unveröffentlichten Ergebnissen auf die benannten Projektbeteiligten beschränkt?',
    textEn: 'Is access to unpublished results limited to the named project members?',
    helpDe: '',
    helpEn: '',
  },
  {
    key: 'no_personal_data_transfer',
    section: 'personal_data',
    textDe:
      'Lässt sich das Projekt ohne Übermittlung personenbezogener Daten in Länder außerhalb der EU durchführen (oder ist eine Rechtsgrundlage vereinbart)?',
    textEn:
      'Can the project be carried out without transferring personal data outside the EU (or is a legal basis for the transfer agreed)?',
    helpDe: 'Der Datenschutz berät zu Standardvertragsklauseln.',
    helpEn: 'The data protection office advises on standard contractual clauses.',
  },
  {
    key: 'free_publication',
    section: 'publication',
    textDe:
      'Können alle Ergebnisse ohne Einschränkungen durch Partner oder Fördergeber veröffentlicht werden?',
    textEn: 'Can all results be published without restrictions imposed by the partner or the funder?',
    helpDe: '',
    helpEn: '',
  },
  {
    key: 'ip_agreed',
    section: 'ip',
    textDe:
      'Sind Eigentum und Nutzung geistigen Eigentums schriftlich geregelt (oder werden sie es vor Arbeitsbeginn sein)?',
    textEn:
      'Are ownership and use of intellectual property regulated in writing (or will they be before work starts)?',
    helpDe: 'Der Technologietransfer stellt Mustervereinbarungen bereit.',
    helpEn: 'The technology transfer office provides model agreements.',
  },
  {
    key: 'no_sanctions_known',
    section: 'sanctions',
    textDe: 'Sind Ihnen keine Sanktionen oder Exportbeschränkungen gegen die Partnerorganisation bekannt?',
    textEn: 'Are you unaware of any sanctions or export restrictions against the partner organisation?',
    helpDe: 'Liaison prüft Partnerorganisationen zusätzlich gegen amtliche Listen.',
    helpEn: 'Liaison also screens partner organisations against official lists.',
  },
]
