import type { ProcessConfigInput } from './review.schema.js'

/**
 * The first version of the review process, following the policy paper's joint procedure: intake by
 * research security, parallel office reviews routed by the facts of the case, optional expert team,
 * informing the funder upfront where the funder asks for it, and the decision.
 */
export const defaultProcess: ProcessConfigInput = {
  steps: [
    {
      key: 'intake',
      kind: 'intake',
      labelDe: 'Eingangsprüfung',
      labelEn: 'Intake check',
      labelZh: '受理审查',
      descriptionDe:
        'Die Forschungssicherheit prüft, ob die Angaben vollständig sind, und leitet den Fall an die zuständigen Stellen.',
      descriptionEn:
        'Research security checks that the information is complete and routes the case to the offices concerned.',
      descriptionZh: '科研安全办公室检查信息是否完整，并将申请转交给相关部门。',
      responsibilities: [
        { who: { kind: 'office', key: 'research_security' }, does: 'assesses' },
        { who: { kind: 'office', key: 'international_office' }, does: 'advises' },
        { who: { kind: 'role', key: 'researcher' }, does: 'is_informed' },
      ],
    },
    {
      key: 'office_reviews',
      kind: 'office_reviews',
      labelDe: 'Gemeinsame Prüfung durch die Fachstellen',
      labelEn: 'Joint review by the offices',
      labelZh: '各职能部门联合审查',
      descriptionDe:
        'Die beteiligten Stellen prüfen parallel, jede mit eigener Frist, und sehen die Ergebnisse der anderen.',
      descriptionEn:
        'The offices involved review in parallel, each with its own deadline, and see each other’s findings.',
      descriptionZh: '相关部门在各自期限内并行审查，并可查看彼此的审查结果。',
      responsibilities: [
        { who: { kind: 'office', key: 'export_control' }, does: 'assesses' },
        { who: { kind: 'office', key: 'legal' }, does: 'advises' },
        { who: { kind: 'office', key: 'data_protection' }, does: 'advises' },
        { who: { kind: 'office', key: 'ethics' }, does: 'assesses' },
        { who: { kind: 'office', key: 'technology_transfer' }, does: 'advises' },
        { who: { kind: 'office', key: 'hr' }, does: 'advises' },
        { who: { kind: 'office', key: 'international_office' }, does: 'advises' },
        { who: { kind: 'role', key: 'decision_maker' }, does: 'is_informed' },
      ],
    },
    {
      key: 'expert_team',
      kind: 'expert_team',
      labelDe: 'Beratung durch das Expertenteam (bei schwierigen Fällen)',
      labelEn: 'Advice from the expert team (hard cases)',
      labelZh: '专家组咨询（疑难案例）',
      descriptionDe: 'Wissenschaft und Verwaltung beraten gemeinsam, wenn eine Abwägung schwierig ist.',
      descriptionEn: 'Scientists and administrators advise together when a case is hard to weigh.',
      descriptionZh: '在难以权衡的情况下，由科研人员和行政人员共同提供咨询意见。',
      responsibilities: [{ who: { kind: 'expert_team', key: 'expert_team' }, does: 'advises' }],
    },
    {
      key: 'inform_funder',
      kind: 'inform_funder',
      labelDe: 'Fördergeber und Aufsichtsgremium vorab informieren',
      labelEn: 'Inform the funder and supervisory board upfront',
      labelZh: '事先告知资助方和监督委员会',
      descriptionDe:
        'Wo Fördergeber oder Aufsichtsgremien es verlangen, werden sie vor der Entscheidung informiert.',
      descriptionEn: 'Where funders or boards ask for it, they are informed before the decision.',
      descriptionZh: '如资助方或监督机构有要求，将在决定前告知他们。',
      responsibilities: [
        { who: { kind: 'office', key: 'funding_office' }, does: 'assesses' },
        { who: { kind: 'role', key: 'funder' }, does: 'is_informed' },
        { who: { kind: 'role', key: 'supervisory_board' }, does: 'is_informed' },
      ],
    },
    {
      key: 'decision',
      kind: 'decision',
      labelDe: 'Entscheidung',
      labelEn: 'Decision',
      labelZh: '决定',
      descriptionDe:
        'Die Leitung entscheidet mit Begründung und gegebenenfalls Auflagen; die Forschenden werden sofort informiert.',
      descriptionEn:
        'The board decides with reasons and, where needed, conditions; the researchers are told at once.',
      descriptionZh: '管理层作出附理由的决定，必要时附加条件；研究人员将立即获知。',
      responsibilities: [
        { who: { kind: 'role', key: 'decision_maker' }, does: 'decides' },
        { who: { kind: 'role', key: 'researcher' }, does: 'is_informed' },
      ],
    },
  ],
  offices: {
    export_control: { reviewDays: 5, does: 'assesses' },
    legal: { reviewDays: 10, does: 'advises' },
    hr: { reviewDays: 5, does: 'advises' },
    technology_transfer: { reviewDays: 5, does: 'advises' },
    funding_office: { reviewDays: 5, does: 'advises' },
    international_office: { reviewDays: 5, does: 'advises' },
    ethics: { reviewDays: 15, does: 'assesses' },
    data_protection: { reviewDays: 5, does: 'advises' },
    research_security: { reviewDays: 3, does: 'assesses' },
  },
  expertTeamDays: 10,
  routingRules: [
    {
      id: 'export_control_evidence',
      office: 'export_control',
      whenAny: [
        'assessment.control_list_candidate',
        'screening.hit',
        'activity.equipmentDelivery',
        'trl_at_least_7',
      ],
      explanationDe:
        'Die Vorprüfung nennt eine mögliche Listenposition, ein Partner steht auf einer Liste, Geräte werden geliefert oder der TRL ist anwendungsnah.',
      explanationEn:
        'The pre-assessment names a possible control-list entry, a partner is on a list, equipment is delivered, or the TRL is close to application.',
    },
    {
      id: 'ethics_humans',
      office: 'ethics',
      whenAny: ['data.human_subjects', 'data.human_genetic_resources'],
      explanationDe: 'Forschung mit Menschen oder humangenetischen Ressourcen.',
      explanationEn: 'Research involving humans or human genetic resources.',
    },
    {
      id: 'data_protection_personal',
      office: 'data_protection',
      whenAny: ['data.personal_data', 'data.human_genetic_resources'],
      explanationDe: 'Personenbezogene Daten werden verarbeitet oder geteilt.',
      explanationEn: 'Personal data are processed or shared.',
    },
    {
      id: 'transfer_ip',
      office: 'technology_transfer',
      whenAny: ['activity.ipLicensing'],
      explanationDe: 'Schutzrechte oder Lizenzen sind geplant.',
      explanationEn: 'Intellectual property or licensing is planned.',
    },
    {
      id: 'hr_mobility',
      office: 'hr',
      whenAny: ['activity.mobility', 'activity.visitingResearchers'],
      explanationDe: 'Personalaustausch oder Gastaufenthalte sind geplant.',
      explanationEn: 'Staff exchange or visiting researchers are planned.',
    },
    {
      id: 'legal_contract',
      office: 'legal',
      whenAny: ['activity.contractOrMou', 'partner_company'],
      explanationDe: 'Ein Vertrag oder MoU wird geschlossen, oder ein Unternehmen ist Partner.',
      explanationEn: 'A contract or MoU is drafted, or a company is a partner.',
    },
    {
      id: 'international_abroad',
      office: 'international_office',
      whenAny: ['partner_abroad'],
      explanationDe: 'Mindestens ein Partner sitzt im Ausland.',
      explanationEn: 'At least one partner is abroad.',
    },
  ],
}
