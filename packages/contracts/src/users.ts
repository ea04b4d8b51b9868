import Type from 'typebox'
import { Email, NewPassword, Role, User, UserStatus } from './auth.js'
import { IdParams, IfMatchHeaders, Page, PageQuery, Uuid, problems } from './common.js'

export const CreateUserBody = Type.Object(
  {
    email: Email,
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    password: NewPassword,
    role: Role,
    unionId: Uuid,
  },
  { additionalProperties: false },
)
export type CreateUserBody = Type.Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    unionId: Type.Optional(Uuid),
    status: Type.Optional(UserStatus),
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Type.Static<typeof UpdateUserBody>

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Uuid),
    role: Type.Optional(Role),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type UserListQuery = Type.Static<typeof UserListQuery>

export const UserPage = Page(User)

export const userRoutes = {
  list: {
    method: 'GET',
    url: '/api/v1/users',
    querystring: UserListQuery,
    response: { 200: UserPage, ...problems(400, 401, 403) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/users/:id',
    params: IdParams,
    response: { 200: User, ...problems(400, 401, 403, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/users',
    body: CreateUserBody,
    response: { 201: User, ...problems(400, 401, 403, 404, 409, 422) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateUserBody,
    response: { 200: User, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
} as const
