import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateTrainingBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { applyProblemToForm } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateTraining } from './api/create-training'
import { emptyTrainingForm, toCreateBody, trainingFormFields } from './training-body'
import { TrainingForm, useTrainingForm } from './training-form'
import { checkTrainingBody } from './training-submit'

/** A new class, organised by the person's own union unless they pick a unit below it. */
export function TrainingCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const create = useCreateTraining()
  const form = useTrainingForm(emptyTrainingForm(user?.unionId ?? null))

  if (!can(user, 'training.manage')) return <NotFound />

  return (
    <>
      <PageHeader title={t('trainingForm.createTitle')} />
      <TrainingForm
        form={form}
        mode="create"
        submitting={create.isPending}
        onCancel={() => void navigate(paths.trainings)}
        onSubmit={(values) => {
          const body = checkTrainingBody(CreateTrainingBody, toCreateBody(values), form, currentLanguage())
          if (!body) return
          create.mutate(body, {
            onSuccess: ({ data }) => {
              notifySuccess(t('trainingForm.created', { title: data.title }))
              void navigate(paths.training(data.id))
            },
            onError: (error) => {
              if (isApiError(error)) applyProblemToForm(error.fieldErrors, trainingFormFields(values), form.setErrors, currentLanguage())
              notifyError(error, t)
            },
          })
        }}
      />
    </>
  )
}
