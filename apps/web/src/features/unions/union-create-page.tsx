import { Center, Loader } from '@mantine/core'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateUnionBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateUnion } from './api/create-union'
import { useUnitTypes } from './api/get-unit-types'
import { toCreateBody } from './union-body'
import { emptyUnionForm, UNION_FORM_FIELDS, UnionForm, useUnionForm } from './union-form'

export function UnionCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const unitTypes = useUnitTypes()
  const create = useCreateUnion()
  const form = useUnionForm(emptyUnionForm(search.get('parentId')))

  if (!can(user, 'union.create')) return <NotFound />
  if (unitTypes.isPending) return <Center py="xl"><Loader aria-label={t('app.loading')} /></Center>
  if (unitTypes.isError) return <QueryError error={unitTypes.error} onRetry={() => void unitTypes.refetch()} />

  return (
    <>
      <PageHeader title={t('unionForm.createTitle')} />
      <UnionForm
        form={form}
        mode="create"
        unitTypes={unitTypes.data}
        submitting={create.isPending}
        onCancel={() => void navigate(-1)}
        onSubmit={(values) => {
          const unitType = unitTypes.data.find((type) => type.id === values.unitTypeId)
          const checked = checkBody(CreateUnionBody, toCreateBody(values, unitType), currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          create.mutate(checked.value, {
            onSuccess: ({ data }) => {
              notifySuccess(t('unionForm.created', { name: data.name }))
              void navigate(paths.union(data.id))
            },
            onError: (error) => {
              if (isApiError(error)) applyProblemToForm(error.fieldErrors, UNION_FORM_FIELDS, form.setErrors, currentLanguage())
              notifyError(error, t)
            },
          })
        }}
      />
    </>
  )
}
