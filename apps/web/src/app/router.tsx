import { Center, Loader } from '@mantine/core'
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router'
import { tokenStore } from '../api/client'
import { NotFound } from '../components/not-found'
import { SignInPage } from '../features/auth/sign-in-page'
import { agreementQueryOptions } from '../features/agreements/api/get-agreement'
import { memberQueryOptions } from '../features/members/api/get-member'
import { programQueryOptions } from '../features/support/api/get-program'
import { trainingQueryOptions } from '../features/trainings/api/get-training'
import { unionQueryOptions } from '../features/unions/api/get-union'
import { userQueryOptions } from '../features/users/api/get-user'
import type { Messages } from '../i18n/types'
import { AppLayout } from './layout'
import { paths, routePatterns } from './paths'
import { queryClient } from './query-client'
import { RouteError } from './route-error'

/**
 * Loaders read the record before the page renders, so the page opens with its data
 * (STYLE.md). A failure is left in the cache rather than thrown: the page shows its
 * own not-found and retry states, the same as for a failed refetch. Signed-out
 * visitors skip the call; the layout sends them to sign in.
 */
const signedIn = () => !!tokenStore.getRefreshToken()
const ignore = () => undefined

async function loadUnion({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(unionQueryOptions(params.id)).catch(ignore)
  return null
}

async function loadMember({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(memberQueryOptions(params.id)).catch(ignore)
  return null
}

async function loadTraining({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(trainingQueryOptions(params.id)).catch(ignore)
  return null
}

async function loadAgreement({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(agreementQueryOptions(params.id)).catch(ignore)
  return null
}

async function loadProgram({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(programQueryOptions(params.id)).catch(ignore)
  return null
}

async function loadUser({ params }: LoaderFunctionArgs) {
  if (params.id && signedIn()) await queryClient.ensureQueryData(userQueryOptions(params.id)).catch(ignore)
  return null
}

/*
 * Pages load on demand (react-router `lazy`): the sign-in page and the shell come
 * in the first download, each module's pages when first visited. A route's loader
 * and its code download in parallel.
 */
const dashboard = () => import('../features/dashboard/dashboard-page').then((m) => ({ Component: m.DashboardPage }))
const unionList = () => import('../features/unions/union-list-page').then((m) => ({ Component: m.UnionListPage }))
const unionTree = () => import('../features/unions/union-tree-page').then((m) => ({ Component: m.UnionTreePage }))
const unionCreate = () => import('../features/unions/union-create-page').then((m) => ({ Component: m.UnionCreatePage }))
// The officers, agreements and support tabs join the union page here, so no feature imports another.
const unionDetail = () =>
  Promise.all([
    import('../features/unions/union-detail-page'),
    import('../features/officers/union-officers-tab'),
    import('../features/agreements/union-agreements-tab'),
    import('../features/support/related-payments'),
  ]).then(([detail, officers, agreements, support]) => ({
    Component: () => <detail.UnionDetailPage extraTabs={[officers.unionOfficersTab, agreements.unionAgreementsTab, support.unionSupportTab]} />,
  }))
const unionEdit = () => import('../features/unions/union-edit-page').then((m) => ({ Component: m.UnionEditPage }))
const memberList = () => import('../features/members/member-list-page').then((m) => ({ Component: m.MemberListPage }))
const memberCreate = () => import('../features/members/member-create-page').then((m) => ({ Component: m.MemberCreatePage }))
// The training history and support received join the member page here, so no feature imports another.
const memberDetail = () =>
  Promise.all([
    import('../features/members/member-detail-page'),
    import('../features/trainings/member-trainings-section'),
    import('../features/support/related-payments'),
  ]).then(([detail, trainings, support]) => ({
    Component: () => <detail.MemberDetailPage extraSections={[trainings.MemberTrainingsSection, support.MemberSupportSection]} />,
  }))
const memberEdit = () => import('../features/members/member-edit-page').then((m) => ({ Component: m.MemberEditPage }))
const memberTransfers = () => import('../features/members/transfers-page').then((m) => ({ Component: m.TransfersPage }))
const memberImport = () => import('../features/members/import/member-import-page').then((m) => ({ Component: m.MemberImportPage }))
const trainingList = () => import('../features/trainings/trainings-page').then((m) => ({ Component: m.TrainingsPage }))
const trainingCreate = () => import('../features/trainings/training-create-page').then((m) => ({ Component: m.TrainingCreatePage }))
const trainingDetail = () => import('../features/trainings/training-detail-page').then((m) => ({ Component: m.TrainingDetailPage }))
const trainingEdit = () => import('../features/trainings/training-edit-page').then((m) => ({ Component: m.TrainingEditPage }))
const trainingReports = () => import('../features/trainings/training-reports-page').then((m) => ({ Component: m.TrainingReportsPage }))
const certificateVerify = () => import('../features/trainings/certificate-verify-page').then((m) => ({ Component: m.CertificateVerifyPage }))
const agreementList = () => import('../features/agreements/agreements-page').then((m) => ({ Component: m.AgreementsPage }))
const agreementCreate = () => import('../features/agreements/agreement-create-page').then((m) => ({ Component: m.AgreementCreatePage }))
// The support paid for an agreement joins its page here.
const agreementDetail = () =>
  Promise.all([import('../features/agreements/agreement-detail-page'), import('../features/support/related-payments')]).then(([detail, support]) => ({
    Component: () => <detail.AgreementDetailPage extraTabs={[support.agreementSupportTab]} />,
  }))
const agreementEdit = () => import('../features/agreements/agreement-edit-page').then((m) => ({ Component: m.AgreementEditPage }))
const agreementReports = () => import('../features/agreements/agreement-reports-page').then((m) => ({ Component: m.AgreementReportsPage }))
const supportPrograms = () => import('../features/support/programs-page').then((m) => ({ Component: m.ProgramsPage }))
const supportProgramCreate = () => import('../features/support/program-create-page').then((m) => ({ Component: m.ProgramCreatePage }))
const supportProgramDetail = () => import('../features/support/program-detail-page').then((m) => ({ Component: m.ProgramDetailPage }))
const supportProgramEdit = () => import('../features/support/program-edit-page').then((m) => ({ Component: m.ProgramEditPage }))
const supportApprovals = () => import('../features/support/approval-queue-page').then((m) => ({ Component: m.ApprovalQueuePage }))
const targets = () => import('../features/targets/targets-page').then((m) => ({ Component: m.TargetsPage }))
const officers = () => import('../features/officers/officers-page').then((m) => ({ Component: m.OfficersPage }))
const users = () => import('../features/users/users-page').then((m) => ({ Component: m.UsersPage }))
const apiClients = () => import('../features/api-clients/api-clients-page').then((m) => ({ Component: m.ApiClientsPage }))
const userCreate = () => import('../features/users/user-create-page').then((m) => ({ Component: m.UserCreatePage }))
const userEdit = () => import('../features/users/user-edit-page').then((m) => ({ Component: m.UserEditPage }))
const comingSoon = (module: keyof Messages['nav']) => () =>
  import('./coming-soon-route').then((m) => ({ Component: () => <m.ComingSoonRoute module={module} /> }))

export const router = createBrowserRouter([
  { path: paths.signIn, element: <SignInPage />, errorElement: <RouteError />, hydrateFallbackElement: <PageLoading /> },
  // Public, outside the signed-in shell: whoever holds a printed certificate checks its code.
  { path: routePatterns.verifyCertificate, lazy: certificateVerify, errorElement: <RouteError />, hydrateFallbackElement: <PageLoading /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    // Shown on first load while the page's code and record arrive.
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: dashboard },
          { path: paths.unions, lazy: unionList },
          { path: paths.unionTree, lazy: unionTree },
          { path: paths.unionNew, lazy: unionCreate },
          { path: routePatterns.union, lazy: unionDetail, loader: loadUnion },
          { path: routePatterns.unionEdit, lazy: unionEdit, loader: loadUnion },
          { path: paths.members, lazy: memberList },
          { path: paths.memberNew, lazy: memberCreate },
          { path: paths.memberImport, lazy: memberImport },
          { path: paths.memberTransfers, lazy: memberTransfers },
          { path: routePatterns.member, lazy: memberDetail, loader: loadMember },
          { path: routePatterns.memberEdit, lazy: memberEdit, loader: loadMember },
          { path: paths.officers, lazy: officers },
          { path: paths.trainings, lazy: trainingList },
          { path: paths.trainingNew, lazy: trainingCreate },
          { path: paths.trainingCoverage, lazy: trainingReports },
          { path: routePatterns.training, lazy: trainingDetail, loader: loadTraining },
          { path: routePatterns.trainingEdit, lazy: trainingEdit, loader: loadTraining },
          { path: paths.agreements, lazy: agreementList },
          { path: paths.agreementNew, lazy: agreementCreate },
          { path: paths.agreementReports, lazy: agreementReports },
          { path: routePatterns.agreement, lazy: agreementDetail, loader: loadAgreement },
          { path: routePatterns.agreementEdit, lazy: agreementEdit, loader: loadAgreement },
          { path: paths.supportPrograms, lazy: supportPrograms },
          { path: paths.supportProgramNew, lazy: supportProgramCreate },
          { path: paths.supportApprovals, lazy: supportApprovals },
          { path: routePatterns.supportProgram, lazy: supportProgramDetail, loader: loadProgram },
          { path: routePatterns.supportProgramEdit, lazy: supportProgramEdit, loader: loadProgram },
          { path: paths.targets, lazy: targets },
          { path: paths.audit, lazy: comingSoon('audit') },
          { path: paths.users, lazy: users },
          { path: paths.apiClients, lazy: apiClients },
          { path: paths.userNew, lazy: userCreate },
          { path: routePatterns.user, lazy: userEdit, loader: loadUser },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
])

function PageLoading() {
  return (
    <Center h="100vh" aria-busy="true">
      <Loader />
    </Center>
  )
}
