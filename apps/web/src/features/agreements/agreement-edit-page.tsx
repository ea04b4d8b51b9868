import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EditableAgreementStatuses, UpdateAgreementBody, type AgreementStatus } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAgreement, type VersionedAgreement } from './api/get-agreement'
import { useUpdateAgreement } from './api/update-agreement'
import { agreementToForm, toUpdateBody } from './agreement-body'
import { AgreementForm, useAgreementForm } from './agreement-form'
import { applyAgreementProblem, checkAgreementBody } from './agreement-submit'
import { FormSkeleton } from '../../components/detail-field'

const editable = (status: AgreementStatus): boolean => (EditableAgreementStatuses as readonly AgreementStatus[]).includes(status)

export function AgreementEditPage() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const query = useAgreement(id)
  if (!can(user, 'agreement.manage')) return <NotFound />
  if (query.isPending) return <FormSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  if (!editable(query.data.agreement.status)) return <NotFound />
  // Keyed on the version: a background refetch must not swap the ETag under the person's edits.
  return <EditAgreement key={query.data.agreement.version} record={query.data} reload={() => void query.refetch()} />
}

function EditAgreement({ record, reload }: { record: VersionedAgreement; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { agreement, etag } = record
  const update = useUpdateAgreement(agreement.id)
  const [initial] = useState(() => agreementToForm(agreement))
  const form = useAgreementForm(initial)
  const [stale, setStale] = useState(false)
  const signed = agreement.status !== 'negotiating'

  return (
    <>
      <PageHeader title={`${t('agreementForm.editTitle')}: ${agreement.title}`} />
      <AgreementForm
        form={form}
        mode="edit"
        signed={signed}
        unionName={`${agreement.union.name} (${agreement.union.code})`}
        submitting={update.isPending}
        staleError={stale}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.agreement(agreement.id))}
        onSubmit={(values) => {
          const changes = toUpdateBody(initial, values, signed)
          if (Object.keys(changes).length === 0) {
            notifySuccess(t('agreementForm.noChanges'))
            return
          }
          const locale = currentLanguage()
          const body = checkAgreementBody(UpdateAgreementBody, changes, form, { locale, t, checkDates: signed })
          if (!body) return
          update.mutate(
            { body, etag },
            {
              onSuccess: () => {
                notifySuccess(t('agreementForm.updated'))
                void navigate(paths.agreement(agreement.id))
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
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
