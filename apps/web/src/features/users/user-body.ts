import type { Role, User, UserStatus } from '@liendoan/contracts'

/** What the inputs hold; converted to the contract bodies below and checked against their schemas. */
export interface UserFormValues {
  email: string
  fullName: string
  role: Role | null
  unionId: string | null
  status: UserStatus
  /** Empty on the edit form means "keep the current password". */
  password: string
}

export const USER_FORM_FIELDS: readonly (keyof UserFormValues)[] = ['email', 'fullName', 'role', 'unionId', 'status', 'password']

export function emptyUserForm(unionId: string | null): UserFormValues {
  return { email: '', fullName: '', role: null, unionId, status: 'active', password: '' }
}

export function userToForm(user: User): UserFormValues {
  return { email: user.email, fullName: user.fullName, role: user.role, unionId: user.unionId, status: user.status, password: '' }
}

/**
 * Body for `POST /users`, not yet validated (the caller checks it against
 * CreateUserBody). Empty choices are left out so the schema reports "required".
 * The password is sent as typed: spaces can be part of a passphrase.
 */
export function toCreateUserBody(values: UserFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    email: values.email.trim(),
    fullName: values.fullName.trim(),
    password: values.password,
  }
  if (values.role) body.role = values.role
  if (values.unionId) body.unionId = values.unionId
  return body
}

/** Choices the edit form cannot leave empty (the PATCH body would simply omit them). */
export function missingChoices(values: UserFormValues): (keyof UserFormValues)[] {
  return (['role', 'unionId'] as const).filter((field) => !values[field])
}

/**
 * Body for `PATCH /users/:id`: only what changed, plus the password when one was
 * typed. On one's own account the role, union and status are never sent: the API
 * refuses any change to them and the form locks those inputs.
 */
export function toUpdateUserBody(initial: UserFormValues, values: UserFormValues, isSelf: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  const fullName = values.fullName.trim()
  if (fullName !== initial.fullName.trim()) body.fullName = fullName
  if (!isSelf) {
    if (values.role && values.role !== initial.role) body.role = values.role
    if (values.unionId && values.unionId !== initial.unionId) body.unionId = values.unionId
    if (values.status !== initial.status) body.status = values.status
  }
  if (values.password !== '') body.password = values.password
  return body
}
