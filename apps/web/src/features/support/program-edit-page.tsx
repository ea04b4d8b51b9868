import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UpdateSupportProgramBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { notifyFailure, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { QueryError } from '../../components/query-error'
import { useProgram, type VersionedProgram } from './api/get-program'
import { useUpdateProgram } from './api/update-program'
import { programToForm, toUpdateBody } from './program-body'
import { ProgramForm, useProgramForm } from './program-form'
import { applyProgramProblem, checkProgramBody } from './program-submit'
import { supportErrorMessage } from './support-errors'
import { FormSkeleton } from '../../components/detail-field'

export function ProgramEditPage() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const query = useProgram(id)
  if (!can(user, 'support.manage')) return <NotFound />
  if (query.isPending) return <FormSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  // Keyed on the version: a background refetch must not swap the ETag under the person's edits.
  return <EditProgram key={query.data.program.version} record={query.data} reload={() => void query.refetch()} />
}

function EditProgram({ record, reload }: { record: VersionedProgram; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { program, etag } = record
  const update = useUpdateProgram(program.id)
  const [initial] = useState(() => programToForm(program))
  const form = useProgramForm(initial)
  const [stale, setStale] = useState(false)
  const { figures } = program
  const moneyMoved = figures.proposedVnd + figures.committedVnd > 0

  return (
    <>
      <PageHeader title={`${t('support.form.editTitle')}: ${program.name}`} />
      <ProgramForm
        form={form}
        mode="edit"
        unionName={`${program.union.name} (${program.union.code})`}
        committedVnd={figures.committedVnd}
        rulesLocked={moneyMoved}
        submitting={update.isPending}
        staleError={stale}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.supportProgram(program.id))}
        onSubmit={(values) => {
          const changes = toUpdateBody(initial, values)
          if (Object.keys(changes).length === 0) {
            notifySuccess(t('support.form.noChanges'))
            return
          }
          const locale = currentLanguage()
          const body = checkProgramBody(UpdateSupportProgramBody, changes, form, { locale, t })
          if (!body) return
          update.mutate(
            { body, etag },
            {
              onSuccess: () => {
                notifySuccess(t('support.form.updated'))
                void navigate(paths.supportProgram(program.id))
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error) && applyProgramProblem(error.fieldErrors, form, locale)) return
                notifyFailure(supportErrorMessage(error, t), t)
              },
            },
          )
        }}
      />
    </>
  )
}
