import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UpdateTrainingBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { applyProblemToForm } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useTraining, type VersionedTraining } from './api/get-training'
import { useUpdateTraining } from './api/update-training'
import { toUpdateBody, trainingFormFields, trainingToForm } from './training-body'
import { TrainingForm, useTrainingForm } from './training-form'
import { checkTrainingBody } from './training-submit'
import { FormSkeleton } from '../../components/detail-field'

export function TrainingEditPage() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const query = useTraining(id)
  if (!can(user, 'training.manage')) return <NotFound />
  if (query.isPending) return <FormSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  const { status } = query.data.training
  if (status === 'completed' || status === 'cancelled') return <NotFound />
  // Keyed on the version: a background refetch must not swap the ETag under the person's edits.
  return <EditTraining key={query.data.training.version} record={query.data} reload={() => void query.refetch()} />
}

function EditTraining({ record, reload }: { record: VersionedTraining; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { training, etag } = record
  const update = useUpdateTraining(training.id)
  const [initial] = useState(() => trainingToForm(training))
  const form = useTrainingForm(initial)
  const [stale, setStale] = useState(false)

  return (
    <>
      <PageHeader title={`${t('trainingForm.editTitle')}: ${training.title}`} />
      <TrainingForm
        form={form}
        mode="edit"
        scheduleFixed={training.status === 'running'}
        submitting={update.isPending}
        staleError={stale}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.training(training.id))}
        onSubmit={(values) => {
          const changes = toUpdateBody(initial, values)
          if (Object.keys(changes).length === 0) {
            notifySuccess(t('trainingForm.noChanges'))
            return
          }
          const body = checkTrainingBody(UpdateTrainingBody, changes, form, currentLanguage())
          if (!body) return
          update.mutate(
            { body, etag },
            {
              onSuccess: () => {
                notifySuccess(t('trainingForm.updated'))
                void navigate(paths.training(training.id))
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error)) applyProblemToForm(error.fieldErrors, trainingFormFields(values), form.setErrors, currentLanguage())
                notifyError(error, t)
              },
            },
          )
        }}
      />
    </>
  )
}
