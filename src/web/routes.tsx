import { type ComponentType, lazy, type ReactNode } from 'react'
import type { Role } from '../modules/access/access.schema.js'
import { StartPage } from './features/start/StartPage.js'
import type { TextKey } from './i18n/de.js'

/**
 * A page loaded when it is first opened, as a chunk of its own (the start page comes with the app):
 * the first visit loads far less. The app shell shows a loading line while a page arrives.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const AccountPage = page(() => import('./features/account/AccountPage.js'), 'AccountPage')
const AdminOverviewPage = page(() => import('./features/admin/AdminOverviewPage.js'), 'AdminOverviewPage')
const AuditPage = page(() => import('./features/admin/AuditPage.js'), 'AuditPage')
const ContactsAdminPage = page(() => import('./features/admin/ContactsAdminPage.js'), 'ContactsAdminPage')
const OfficesPage = page(() => import('./features/admin/OfficesPage.js'), 'OfficesPage')
const UnitsPage = page(() => import('./features/admin/UnitsPage.js'), 'UnitsPage')
const UsersPage = page(() => import('./features/admin/UsersPage.js'), 'UsersPage')
const DashboardPage = page(() => import('./features/reports/DashboardPage.js'), 'DashboardPage')
const AssessmentAdminPage = page(
  () => import('./features/assessment/AssessmentAdminPage.js'),
  'AssessmentAdminPage',
)
const CollaborationFormPage = page(
  () => import('./features/collaborations/CollaborationFormPage.js'),
  'CollaborationFormPage',
)
const CollaborationPage = page(
  () => import('./features/collaborations/CollaborationPage.js'),
  'CollaborationPage',
)
const CollaborationsPage = page(
  () => import('./features/collaborations/CollaborationsPage.js'),
  'CollaborationsPage',
)
const ImportPage = page(() => import('./features/collaborations/ImportPage.js'), 'ImportPage')
const WhomToAskPage = page(() => import('./features/contacts/WhomToAskPage.js'), 'WhomToAskPage')
const BundlesPage = page(() => import('./features/knowledge/BundlesPage.js'), 'BundlesPage')
const DocumentPage = page(() => import('./features/knowledge/DocumentPage.js'), 'DocumentPage')
const EditorPage = page(() => import('./features/knowledge/EditorPage.js'), 'EditorPage')
const HistoryPage = page(() => import('./features/knowledge/HistoryPage.js'), 'HistoryPage')
const LibraryPage = page(() => import('./features/knowledge/LibraryPage.js'), 'LibraryPage')
const RegulationWatchPage = page(
  () => import('./features/knowledge/RegulationWatchPage.js'),
  'RegulationWatchPage',
)
const NotificationsPage = page(
  () => import('./features/notifications/NotificationsPage.js'),
  'NotificationsPage',
)
const PersonalDataPage = page(() => import('./features/privacy/PersonalDataPage.js'), 'PersonalDataPage')
const RegisterExportPage = page(
  () => import('./features/reportdocs/RegisterExportPage.js'),
  'RegisterExportPage',
)
const ProcessAdminPage = page(() => import('./features/reviews/ProcessAdminPage.js'), 'ProcessAdminPage')
const ProcessPage = page(() => import('./features/reviews/ProcessPage.js'), 'ProcessPage')
const PublicProcessPage = page(() => import('./features/reviews/PublicProcessPage.js'), 'PublicProcessPage')
const QueuePage = page(() => import('./features/reviews/QueuePage.js'), 'QueuePage')
const AdHocPage = page(() => import('./features/screening/AdHocPage.js'), 'AdHocPage')
const ListsPage = page(() => import('./features/screening/ListsPage.js'), 'ListsPage')
const PartnerPage = page(() => import('./features/screening/PartnerPage.js'), 'PartnerPage')
const PartnersPage = page(() => import('./features/screening/PartnersPage.js'), 'PartnersPage')
const TemplatePage = page(() => import('./features/templates/TemplatePage.js'), 'TemplatePage')
const TemplatesPage = page(() => import('./features/templates/TemplatesPage.js'), 'TemplatesPage')
const PlayerPage = page(() => import('./features/training/PlayerPage.js'), 'PlayerPage')
const TrainingReportPage = page(() => import('./features/training/ReportPage.js'), 'ReportPage')
const TrainingAdminPage = page(() => import('./features/training/TrainingAdminPage.js'), 'TrainingAdminPage')
const TrainingsPage = page(() => import('./features/training/TrainingsPage.js'), 'TrainingsPage')

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
    element: <DashboardPage />,
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
