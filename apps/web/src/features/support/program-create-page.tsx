import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateSupportProgramBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateProgram } from './api/create-program'
import { emptyProgramForm, toCreateBody } from './program-body'
import { ProgramForm, useProgramForm } from './program-form'
import { applyProgramProblem, checkProgramBody } from './program-submit'

/** Sets up a support programme (managers: federation officers and admins). */
export function ProgramCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const create = useCreateProgram()
  const form = useProgramForm(emptyProgramForm())
  if (!can(user, 'support.manage')) return <NotFound />
  return (
    <>
      <PageHeader title={t('support.form.createTitle')} />
      <ProgramForm
        form={form}
        mode="create"
        submitting={create.isPending}
        onCancel={() => void navigate(paths.supportPrograms)}
        onSubmit={(values) => {
          const locale = currentLanguage()
          const body = checkProgramBody(CreateSupportProgramBody, toCreateBody(values), form, { locale, t })
          if (!body) return
          create.mutate(body, {
            onSuccess: ({ data }) => {
              notifySuccess(t('support.form.created', { name: data.name }))
              void navigate(paths.supportProgram(data.id))
            },
            onError: (error) => {
              if (isApiError(error) && applyProgramProblem(error.fieldErrors, form, locale)) return
              notifyError(error, t)
            },
          })
        }}
      />
    </>
  )
}
