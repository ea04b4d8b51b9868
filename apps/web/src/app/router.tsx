import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router'
import { tokenStore } from '../api/client'
import { NotFound } from '../components/not-found'
import { SignInPage } from '../features/auth/sign-in-page'
import { DashboardPage } from '../features/dashboard/dashboard-page'
import { UnionListPage } from '../features/unions/union-list-page'
import { UnionTreePage } from '../features/unions/union-tree-page'
import { UnionDetailPage } from '../features/unions/union-detail-page'
import { UnionCreatePage } from '../features/unions/union-create-page'
import { UnionEditPage } from '../features/unions/union-edit-page'
import { unionQueryOptions } from '../features/unions/api/get-union'
import { UsersPage } from '../features/users/users-page'
import { ComingSoonRoute } from './coming-soon-route'
import { AppLayout } from './layout'
import { paths, routePatterns } from './paths'
import { queryClient } from './query-client'
import { RouteError } from './route-error'

/**
 * Loaders start fetching a record while the page code renders (no waterfall) but
 * do not block: the page shows its own skeleton, 404 and error states.
 */
function prefetchUnion({ params }: LoaderFunctionArgs) {
  if (params.id && tokenStore.getRefreshToken()) void queryClient.prefetchQuery(unionQueryOptions(params.id))
  return null
}

export const router = createBrowserRouter([
  { path: paths.signIn, element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: paths.unions, element: <UnionListPage /> },
          { path: paths.unionTree, element: <UnionTreePage /> },
          { path: paths.unionNew, element: <UnionCreatePage /> },
          { path: routePatterns.union, element: <UnionDetailPage />, loader: prefetchUnion },
          { path: routePatterns.unionEdit, element: <UnionEditPage />, loader: prefetchUnion },
          { path: paths.members, element: <ComingSoonRoute module="members" /> },
          { path: paths.officers, element: <ComingSoonRoute module="officers" /> },
          { path: paths.trainings, element: <ComingSoonRoute module="trainings" /> },
          { path: paths.agreements, element: <ComingSoonRoute module="agreements" /> },
          { path: paths.payments, element: <ComingSoonRoute module="payments" /> },
          { path: paths.targets, element: <ComingSoonRoute module="targets" /> },
          { path: paths.audit, element: <ComingSoonRoute module="audit" /> },
          { path: paths.users, element: <UsersPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
])
