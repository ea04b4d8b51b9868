import { CERTIFICATE_CHECK_PATH } from '@liendoan/contracts'

/** Every path of the app in one place; pages link through these helpers, never with literal strings. */
export const paths = {
  signIn: '/dang-nhap',
  dashboard: '/',
  /** The dashboard of a unit below the person's union (drill-down). */
  dashboardOf: (unionId: string) => `/?under=${encodeURIComponent(unionId)}`,
  unions: '/unions',
  unionTree: '/unions/tree',
  unionNew: '/unions/new',
  union: (id: string) => `/unions/${encodeURIComponent(id)}`,
  unionEdit: (id: string) => `/unions/${encodeURIComponent(id)}/edit`,
  members: '/members',
  memberNew: '/members/new',
  memberImport: '/members/import',
  memberTransfers: '/members/transfers',
  member: (id: string) => `/members/${encodeURIComponent(id)}`,
  memberEdit: (id: string) => `/members/${encodeURIComponent(id)}/edit`,
  officers: '/officers',
  trainings: '/trainings',
  trainingNew: '/trainings/new',
  training: (id: string) => `/trainings/${encodeURIComponent(id)}`,
  trainingEdit: (id: string) => `/trainings/${encodeURIComponent(id)}/edit`,
  trainingCoverage: '/trainings/coverage',
  /** Public (no sign-in): the check of a printed certificate's code. */
  verifyCertificate: (code?: string) => (code ? `${CERTIFICATE_CHECK_PATH}/${encodeURIComponent(code)}` : CERTIFICATE_CHECK_PATH),
  agreements: '/agreements',
  agreementNew: '/agreements/new',
  agreementReports: '/agreements/reports',
  agreement: (id: string) => `/agreements/${encodeURIComponent(id)}`,
  agreementEdit: (id: string) => `/agreements/${encodeURIComponent(id)}/edit`,
  supportPrograms: '/support',
  supportProgramNew: '/support/new',
  supportApprovals: '/support/approvals',
  supportProgram: (id: string) => `/support/${encodeURIComponent(id)}`,
  supportProgramEdit: (id: string) => `/support/${encodeURIComponent(id)}/edit`,
  targets: '/targets',
  users: '/users',
  userNew: '/users/new',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  audit: '/audit',
} as const

/** Route patterns for the router (same strings as above, with parameters). */
export const routePatterns = {
  union: '/unions/:id',
  unionEdit: '/unions/:id/edit',
  user: '/users/:id',
  member: '/members/:id',
  memberEdit: '/members/:id/edit',
  training: '/trainings/:id',
  trainingEdit: '/trainings/:id/edit',
  agreement: '/agreements/:id',
  agreementEdit: '/agreements/:id/edit',
  supportProgram: '/support/:id',
  supportProgramEdit: '/support/:id/edit',
  verifyCertificate: `${CERTIFICATE_CHECK_PATH}/:code?`,
} as const
