import { useState } from 'react'
import { Skeleton, Stack } from '@mantine/core'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UpdateUnionBody, type UnitType } from '@liendoan/contracts'
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
import { useUnion, type VersionedUnion } from './api/get-union'
import { useUpdateUnion } from './api/update-union'
import { toUpdateBody } from './union-body'
import { UNION_FORM_FIELDS, UnionForm, unionToForm, useUnionForm } from './union-form'

export function UnionEditPage() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const query = useUnion(id)
  if (!can(user, 'union.update')) return <NotFound />
  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <Skeleton height={32} width="50%" />
        <Skeleton height={260} />
      </Stack>
    )
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  // The edit form keeps the version it started from: a refetch in the background must
  // not silently swap the ETag under the person's edits, so it is keyed on the version.
  return <EditUnion key={query.data.union.version} record={query.data} reload={() => void query.refetch()} />
}

function EditUnion({ record, reload }: { record: VersionedUnion; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { union, etag } = record
  const update = useUpdateUnion(union.id)
  const [initial] = useState(() => unionToForm(union))
  const form = useUnionForm(initial)
  const [stale, setStale] = useState(false)
  const unitTypes: UnitType[] = [union.unitType]

  return (
    <>
      <PageHeader title={`${t('unionForm.editTitle')}: ${union.name}`} />
      <UnionForm
        form={form}
        mode="edit"
        union={union}
        unitTypes={unitTypes}
        submitting={update.isPending}
        staleError={stale}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.union(union.id))}
        onSubmit={(values) => {
          const body = toUpdateBody(initial, values, union.unitType.isGrassroots)
          if (Object.keys(body).length === 0) {
            notifySuccess(t('unionForm.noChanges'))
            return
          }
          const checked = checkBody(UpdateUnionBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          update.mutate(
            { body: checked.value, etag },
            {
              onSuccess: () => {
                notifySuccess(t('unionForm.updated'))
                void navigate(paths.union(union.id))
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error) && error.status === 404) return void navigate(paths.union(union.id))
                if (isApiError(error)) applyProblemToForm(error.fieldErrors, UNION_FORM_FIELDS, form.setErrors, currentLanguage())
                notifyError(error, t)
              },
            },
          )
        }}
      />
    </>
  )
}
