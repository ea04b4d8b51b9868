import { useState } from 'react'
import { Skeleton, Stack } from '@mantine/core'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UpdateUserBody, validationMessage } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { notifyError, notifyFailure, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useUser, type VersionedUser } from './api/get-user'
import { useUpdateUser } from './api/update-user'
import { missingChoices, toUpdateUserBody, userToForm, USER_FORM_FIELDS } from './user-body'
import { UserForm, useUserForm } from './user-form'

export function UserEditPage() {
  const { id = '' } = useParams()
  const me = useCurrentUser()
  const allowed = can(me, 'users.manage')
  const query = useUser(id, allowed)
  if (!allowed) return <NotFound />
  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <Skeleton height={32} width="40%" />
        <Skeleton height={240} maw={860} />
      </Stack>
    )
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  // The form keeps the version it started from: a background refetch must not swap
  // the ETag under the person's edits, so the form is keyed on it.
  return <EditUser key={query.data.etag ?? query.data.user.updatedAt} record={query.data} reload={() => void query.refetch()} />
}

function EditUser({ record, reload }: { record: VersionedUser; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const me = useCurrentUser()
  const { user, etag } = record
  const isSelf = user.id === me.id
  const update = useUpdateUser(user.id)
  const [initial] = useState(() => userToForm(user))
  const form = useUserForm(initial)
  const [stale, setStale] = useState(false)

  return (
    <>
      <PageHeader title={`${t('users.editTitle')}: ${user.fullName}`} />
      <UserForm
        form={form}
        mode="edit"
        unionName={user.unionName}
        isSelf={isSelf}
        submitting={update.isPending}
        staleError={stale}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.users)}
        onSubmit={(values) => {
          const locale = currentLanguage()
          const missing = missingChoices(values)
          if (missing.length > 0) {
            return form.setErrors(Object.fromEntries(missing.map((field) => [field, validationMessage('required', {}, locale)])))
          }
          const body = toUpdateUserBody(initial, values, isSelf)
          if (Object.keys(body).length === 0) {
            notifySuccess(t('users.noChanges'))
            return
          }
          const checked = checkBody(UpdateUserBody, body, locale)
          if (!checked.ok) return form.setErrors(checked.errors)
          update.mutate(
            { body: checked.value, etag },
            {
              onSuccess: () => {
                notifySuccess(t('users.updated'))
                void navigate(paths.users)
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error) && error.code === 'invalid_state') return notifyFailure(t('users.selfRefused'), t)
                if (isApiError(error)) applyProblemToForm(error.fieldErrors, USER_FORM_FIELDS, form.setErrors, currentLanguage())
                notifyError(error, t)
              },
            },
          )
        }}
      />
    </>
  )
}
