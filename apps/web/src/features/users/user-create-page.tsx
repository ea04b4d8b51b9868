import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateUserBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateUser } from './api/create-user'
import { emptyUserForm, toCreateUserBody, USER_FORM_FIELDS } from './user-body'
import { UserForm, useUserForm } from './user-form'

export function UserCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const create = useCreateUser()
  const form = useUserForm(emptyUserForm(null))

  if (!can(user, 'users.manage')) return <NotFound />
  return (
    <>
      <PageHeader title={t('users.createTitle')} />
      <UserForm
        form={form}
        mode="create"
        submitting={create.isPending}
        onCancel={() => void navigate(paths.users)}
        onSubmit={(values) => {
          const checked = checkBody(CreateUserBody, toCreateUserBody(values), currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          create.mutate(checked.value, {
            onSuccess: ({ data }) => {
              notifySuccess(t('users.created', { name: data.fullName }))
              void navigate(paths.users)
            },
            onError: (error) => {
              if (isApiError(error)) applyProblemToForm(error.fieldErrors, USER_FORM_FIELDS, form.setErrors, currentLanguage())
              notifyError(error, t)
            },
          })
        }}
      />
    </>
  )
}
