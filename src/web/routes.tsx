import { lazy, type ReactNode, Suspense } from 'react'
import type { Role } from '../modules/access/access.schema.js'
import { Loading } from './components/Feedback.js'
import { AccountPage } from './features/account/AccountPage.js'
import { AdminOverviewPage } from './features/admin/AdminOverviewPage.js'
import { AuditPage } from './features/admin/AuditPage.js'
import { ContactsAdminPage } from './features/admin/ContactsAdminPage.js'
import { OfficesPage } from './features/admin/OfficesPage.js'
import { UnitsPage } from './features/admin/UnitsPage.js'
import { UsersPage } from './features/admin/UsersPage.js'
import { AssessmentAdminPage } from './features/assessment/AssessmentAdminPage.js'
import { CollaborationFormPage } from './features/collaborations/CollaborationFormPage.js'
import { CollaborationPage } from './features/collaborations/CollaborationPage.js'
import { CollaborationsPage } from './features/collaborations/CollaborationsPage.js'
import { ImportPage } from './features/collaborations/ImportPage.js'
import { WhomToAskPage } from './features/contacts/WhomToAskPage.js'
import { BundlesPage } from './features/knowledge/BundlesPage.js'
import { DocumentPage } from './features/knowledge/DocumentPage.js'
import { EditorPage } from './features/knowledge/EditorPage.js'
import { HistoryPage } from './features/knowledge/HistoryPage.js'
import { LibraryPage } from './features/knowledge/LibraryPage.js'
import { RegulationWatchPage } from './features/knowledge/RegulationWatchPage.js'
import { NotificationsPage } from './features/notifications/NotificationsPage.js'
import { PersonalDataPage } from './features/privacy/PersonalDataPage.js'
import { RegisterExportPage } from './features/reportdocs/RegisterExportPage.js'
import { ProcessAdminPage } from './features/reviews/ProcessAdminPage.js'
import { ProcessPage } from './features/reviews/ProcessPage.js'
import { PublicProcessPage } from './features/reviews/PublicProcessPage.js'
import { QueuePage } from './features/reviews/QueuePage.js'
import { AdHocPage } from './features/screening/AdHocPage.js'
import { ListsPage } from './features/screening/ListsPage.js'
import { PartnerPage } from './features/screening/PartnerPage.js'
import { PartnersPage } from './features/screening/PartnersPage.js'
import { StartPage } from './features/start/StartPage.js'
import { TemplatePage } from './features/templates/TemplatePage.js'
import { TemplatesPage } from './features/templates/TemplatesPage.js'
import { PlayerPage } from './features/training/PlayerPage.js'
import { ReportPage as TrainingReportPage } from './features/training/ReportPage.js'
import { TrainingAdminPage } from './features/training/TrainingAdminPage.js'
import { TrainingsPage } from './features/training/TrainingsPage.js'
import type { TextKey } from './i18n/de.js'

// The dashboard brings the charting library: loaded when it is first opened, not with every page.
const DashboardPage = lazy(() =>
  import('./features/reports/DashboardPage.js').then((module) => ({ default: module.DashboardPage })),
)

/**
 * One page of the signed-in app. The navigation is generated from this table, so a new module
 * adds its pages here (with the roles that may see them) and appears in the menu.
 */
export interface AppRoute {
  path: string
  /** The navigation label (and the page's name in the menu). */
  label: TextKey
  element: ReactNode
  /** A one-line description, used on overview pages. */
  description?: TextKey
  /** Who may open the page; empty or absent means every signed-in user. */
  roles?: readonly Role[]
  /** Pages reachable only by link (e.g. detail pages) set this to false. */
  inNavigation?: boolean
  /** Sub-pages, listed under this entry in the navigation. */
  children?: AppRoute[]
}

/** Links that leave the single-page app (full page load). */
export interface ExternalLink {
  href: string
  label: TextKey
  hint: TextKey
}

/** Every page of the signed-in app, in navigation order. */
export const appRoutes: AppRoute[] = [
  { path: '/', label: 'nav.start', element: <StartPage /> },
  { path: '/collaborations', label: 'nav.collaborations', element: <CollaborationsPage /> },
  // The form keeps its state when a new draft gets its address (/new → /:id/edit): same element type.
  {
    path: '/collaborations/new',
    label: 'collab.form.newTitle',
    element: <CollaborationFormPage />,
    roles: ['researcher'],
    inNavigation: false,
  },
  {
    path: '/collaborations/export',
    label: 'reportdocs.nav.export',
    element: <RegisterExportPage />,
    roles: ['admin', 'decision_maker', 'auditor', 'office_reviewer'],
    inNavigation: false,
  },
  {
    path: '/collaborations/:id/edit',
    label: 'collab.form.editTitle',
    element: <CollaborationFormPage />,
    inNavigation: false,
  },
  {
    path: '/collaborations/:id',
    label: 'collab.case.eyebrow',
    element: <CollaborationPage />,
    inNavigation: false,
  },
  {
    path: '/reviews',
    label: 'reviews.nav.queue',
    element: <QueuePage />,
    roles: ['office_reviewer', 'expert', 'admin'],
  },
  { path: '/process', label: 'reviews.nav.process', element: <ProcessPage /> },
  // Partner screening: ad-hoc search (office reviewers, admins), partner register (reviewing roles).
  {
    path: '/screening',
    label: 'screening.nav.adHoc',
    element: <AdHocPage />,
    roles: ['office_reviewer', 'admin'],
  },
  {
    path: '/partners',
    label: 'screening.nav.partners',
    element: <PartnersPage />,
    roles: ['admin', 'decision_maker', 'auditor', 'office_reviewer', 'expert'],
  },
  {
    path: '/partners/:id',
    label: 'screening.nav.partner',
    element: <PartnerPage />,
    roles: ['admin', 'decision_maker', 'auditor', 'office_reviewer', 'expert'],
    inNavigation: false,
  },
  { path: '/training', label: 'training.nav', element: <TrainingsPage /> },
  {
    path: '/training/:key',
    label: 'training.nav.player',
    element: <PlayerPage />,
    inNavigation: false,
  },
  // Contract templates: every user with a role reads them; the legal office and admins edit them.
  {
    path: '/templates',
    label: 'templates.nav',
    description: 'templates.navText',
    element: <TemplatesPage />,
    roles: ['researcher', 'office_reviewer', 'decision_maker', 'admin', 'expert', 'auditor'],
  },
  {
    path: '/templates/:key/:language',
    label: 'templates.nav',
    element: <TemplatePage />,
    roles: ['researcher', 'office_reviewer', 'decision_maker', 'admin', 'expert', 'auditor'],
    inNavigation: false,
  },
  {
    path: '/dashboard',
    label: 'reports.nav.dashboard',
    description: 'reports.start.text',
    element: (
      <Suspense fallback={<Loading />}>
        <DashboardPage />
      </Suspense>
    ),
    roles: ['admin', 'decision_maker', 'auditor'],
  },
  {
    path: '/knowledge',
    label: 'knowledge.nav',
    element: <LibraryPage />,
    children: [
      {
        path: '/knowledge/regulations',
        label: 'knowledge.nav.regulations',
        description: 'knowledge.nav.regulationsText',
        element: <RegulationWatchPage />,
      },
      {
        path: '/knowledge/bundles',
        label: 'knowledge.nav.bundles',
        description: 'knowledge.nav.bundlesText',
        element: <BundlesPage />,
        roles: ['admin', 'office_reviewer'],
      },
    ],
  },
  {
    path: '/knowledge/new',
    label: 'knowledge.nav.new',
    element: <EditorPage />,
    roles: ['admin', 'office_reviewer'],
    inNavigation: false,
  },
  {
    path: '/knowledge/documents/:id',
    label: 'knowledge.nav.document',
    element: <DocumentPage />,
    inNavigation: false,
  },
  {
    path: '/knowledge/documents/:id/edit',
    label: 'knowledge.nav.edit',
    element: <EditorPage />,
    inNavigation: false,
  },
  {
    path: '/knowledge/documents/:id/history',
    label: 'knowledge.nav.history',
    element: <HistoryPage />,
    inNavigation: false,
  },
  { path: '/whom-to-ask', label: 'nav.whomToAsk', element: <WhomToAskPage /> },
  {
    path: '/admin',
    label: 'nav.admin',
    element: <AdminOverviewPage />,
    roles: ['admin', 'auditor'],
    children: [
      {
        path: '/admin/units',
        label: 'nav.admin.units',
        description: 'admin.units.text',
        element: <UnitsPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/offices',
        label: 'nav.admin.offices',
        description: 'admin.offices.text',
        element: <OfficesPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/users',
        label: 'nav.admin.users',
        description: 'admin.users.text',
        element: <UsersPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/contacts',
        label: 'nav.admin.contacts',
        description: 'admin.contacts.text',
        element: <ContactsAdminPage />,
        roles: ['admin'],
      },
      {
        path: '/collaborations/import',
        label: 'nav.admin.import',
        description: 'admin.import.text',
        element: <ImportPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/assessment',
        label: 'assessment.nav',
        description: 'assessment.navText',
        element: <AssessmentAdminPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/process',
        label: 'reviews.nav.adminProcess',
        description: 'reviews.nav.adminProcessText',
        element: <ProcessAdminPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/lists',
        label: 'screening.nav.lists',
        description: 'screening.nav.listsText',
        element: <ListsPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/training',
        label: 'training.nav.admin',
        description: 'training.nav.adminText',
        element: <TrainingAdminPage />,
        roles: ['admin'],
      },
      {
        path: '/admin/training/report',
        label: 'training.nav.report',
        description: 'training.nav.reportText',
        element: <TrainingReportPage />,
        roles: ['admin', 'auditor'],
      },
      {
        path: '/admin/audit',
        label: 'nav.admin.audit',
        description: 'admin.audit.text',
        element: <AuditPage />,
        roles: ['admin', 'auditor'],
      },
      {
        path: '/admin/personal-data',
        label: 'privacy.nav',
        description: 'privacy.navText',
        element: <PersonalDataPage />,
        roles: ['admin'],
      },
    ],
  },
  { path: '/account', label: 'nav.account', element: <AccountPage /> },
  {
    path: '/notifications',
    label: 'reviews.nav.notifications',
    element: <NotificationsPage />,
    inNavigation: false,
  },
]

/** Pages anyone may open without signing in (e.g. the partner-facing procedure). */
export const publicRoutes: { path: string; element: ReactNode }[] = [
  { path: '/partners/process', element: <PublicProcessPage /> },
]

/** Links to other parts of the server, shown after the pages. */
export const externalLinks: ExternalLink[] = [{ href: '/api/docs', label: 'nav.docs', hint: 'nav.docsHint' }]

/** The route table flattened, parents before their children. */
export function flattenRoutes(routes: AppRoute[] = appRoutes): AppRoute[] {
  return routes.flatMap((route) => [route, ...flattenRoutes(route.children ?? [])])
}
