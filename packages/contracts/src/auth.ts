import Type from 'typebox'
import { IsoDateTime, Nullable, Uuid, problems } from './common.js'

export const Roles = ['admin', 'federation_officer', 'union_officer', 'viewer'] as const
export const Role = Type.Enum([...Roles], { description: 'admin, federation_officer, union_officer or viewer' })
export type Role = (typeof Roles)[number]

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Password = Type.String({ minLength: 1, maxLength: 256 })
/** Rules for a password a person chooses (not checked at sign-in). */
export const NewPassword = Type.String({ minLength: 10, maxLength: 256 })

export const UserStatuses = ['active', 'disabled'] as const
export const UserStatus = Type.Enum([...UserStatuses])
export type UserStatus = (typeof UserStatuses)[number]

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  fullName: Type.String(),
  role: Role,
  /** The union the account belongs to; it sees and changes only that union's subtree. */
  unionId: Uuid,
  unionName: Type.String(),
  status: UserStatus,
  lastLoginAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type User = Type.Static<typeof User>

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false })
export type LoginBody = Type.Static<typeof LoginBody>

export const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  /** Lifetime of the access token in seconds. */
  expiresIn: Type.Integer(),
  user: User,
})
export type TokenPair = Type.Static<typeof TokenPair>

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
)
export type RefreshBody = Type.Static<typeof RefreshBody>

export const authRoutes = {
  login: {
    method: 'POST',
    url: '/api/v1/auth/login',
    body: LoginBody,
    response: { 200: TokenPair, ...problems(400, 401, 429) },
  },
  refresh: {
    method: 'POST',
    url: '/api/v1/auth/refresh',
    body: RefreshBody,
    response: { 200: TokenPair, ...problems(400, 401) },
  },
  logout: {
    method: 'POST',
    url: '/api/v1/auth/logout',
    body: RefreshBody,
    response: { 204: Type.Null(), ...problems(400) },
  },
  me: {
    method: 'GET',
    url: '/api/v1/me',
    response: { 200: User, ...problems(401, 403) },
  },
} as const
