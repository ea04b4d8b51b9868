import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateAgreementBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { randomKey } from '../../lib/ids'
import { notifyError, notifyFailure, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateAgreement } from './api/create-agreement'
import { emptyAgreementForm, toCreateBody } from './agreement-body'
import { AgreementForm, useAgreementForm } from './agreement-form'
import { applyAgreementProblem, checkAgreementBody } from './agreement-submit'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Registers an agreement; `?unionId=` (from a union's page) picks the grassroots union. */
export function AgreementCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const unionParam = params.get('unionId')
  const create = useCreateAgreement()
  const form = useAgreementForm(emptyAgreementForm(unionParam && UUID.test(unionParam) ? unionParam : null))
  // One key per filled-in form: a double click or a retry after a lost answer registers it once.
  const [key, setKey] = useState(() => randomKey())

  if (!can(user, 'agreement.manage')) return <NotFound />

  return (
    <>
      <PageHeader title={t('agreementForm.createTitle')} />
      <AgreementForm
        form={form}
        mode="create"
        submitting={create.isPending}
        onCancel={() => void navigate(unionParam ? paths.union(unionParam) : paths.agreements)}
        onSubmit={(values) => {
          const locale = currentLanguage()
          const body = checkAgreementBody(CreateAgreementBody, toCreateBody(values), form, { locale, t, checkDates: values.status === 'signed' })
          if (!body) return
          create.mutate(
            { body, key },
            {
              onSuccess: ({ data }) => {
                notifySuccess(t('agreementForm.created', { title: data.title }))
                void navigate(paths.agreement(data.id))
              },
              onError: (error) => {
                // A refused body may be fixed and sent again: that is another request.
                setKey(randomKey())
                if (isApiError(error) && error.status === 409 && error.fieldErrors.length === 0) return notifyFailure(t('agreementForm.conflict'), t)
                if (isApiError(error) && applyAgreementProblem(error.fieldErrors, form, { locale, t })) return
                notifyError(error, t)
              },
            },
          )
        }}
      />
    </>
  )
}
