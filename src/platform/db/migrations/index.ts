import type { Migration } from 'kysely'
import * as foundation from './0001_foundation.js'
import * as collaborations from './0002_collaborations.js'
import * as assessment from './0003_assessment.js'
import * as screening from './0004_screening.js'
import * as jobs from './0005_jobs.js'
import * as notifications from './0006_notifications.js'
import * as reviews from './0007_reviews.js'
import * as caseAccess from './0008_case_access.js'
import * as knowledge from './0009_knowledge.js'
import * as training from './0010_training.js'
import * as templates from './0011_templates.js'
import * as reportFacts from './0012_report_facts.js'
import * as personalData from './0014_personal_data.js'
import * as reportFigures from './0015_report_figures.js'
import * as auditChecks from './0016_audit_checks.js'

/** Every migration, in order; names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_collaborations': collaborations,
  '0003_assessment': assessment,
  '0004_screening': screening,
  '0005_jobs': jobs,
  '0006_notifications': notifications,
  '0007_reviews': reviews,
  '0008_case_access': caseAccess,
  '0009_knowledge': knowledge,
  '0010_training': training,
  '0011_templates': templates,
  '0012_report_facts': reportFacts,
  '0014_personal_data': personalData,
  '0015_report_figures': reportFigures,
  '0016_audit_checks': auditChecks,
}
