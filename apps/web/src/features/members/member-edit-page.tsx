import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UpdateMemberBody } from '@liendoan/contracts'
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
import { useMember, type VersionedMember } from './api/get-member'
import { useUpdateMember } from './api/update-member'
import { MEMBER_FORM_FIELDS, memberToForm, toUpdateBody } from './member-body'
import { duplicateOf, MemberForm, type DuplicateMember, useMemberForm } from './member-form'
import { FormSkeleton } from '../../components/detail-field'

export function MemberEditPage() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const query = useMember(id)
  if (!can(user, 'member.write')) return <NotFound />
  if (query.isPending) return <FormSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  if (query.data.member.erased) return <NotFound />
  // Keyed on the version: a background refetch must not swap the ETag under the person's edits.
  return <EditMember key={query.data.member.version} record={query.data} reload={() => void query.refetch()} />
}

function EditMember({ record, reload }: { record: VersionedMember; reload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { member, etag } = record
  const update = useUpdateMember(member.id)
  const [initial] = useState(() => memberToForm(member))
  const form = useMemberForm(initial)
  const [stale, setStale] = useState(false)
  const [duplicate, setDuplicate] = useState<DuplicateMember | null>(null)

  return (
    <>
      <PageHeader title={`${t('memberForm.editTitle')}: ${member.fullName}`} />
      <MemberForm
        form={form}
        mode="edit"
        member={member}
        submitting={update.isPending}
        staleError={stale}
        duplicate={duplicate}
        onReload={() => {
          setStale(false)
          reload()
        }}
        onCancel={() => void navigate(paths.member(member.id))}
        onSubmit={(values) => {
          setDuplicate(null)
          const body = toUpdateBody(initial, values)
          if (Object.keys(body).length === 0) {
            notifySuccess(t('memberForm.noChanges'))
            return
          }
          const checked = checkBody(UpdateMemberBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          update.mutate(
            { body: checked.value, etag },
            {
              onSuccess: () => {
                notifySuccess(t('memberForm.updated'))
                void navigate(paths.member(member.id))
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error) && error.status === 404) return void navigate(paths.member(member.id))
                if (isApiError(error)) {
                  applyProblemToForm(error.fieldErrors, MEMBER_FORM_FIELDS, form.setErrors, currentLanguage())
                  const duplicateMember = duplicateOf(error)
                  if (duplicateMember) return setDuplicate(duplicateMember)
                }
                notifyError(error, t)
              },
            },
          )
        }}
      />
    </>
  )
}
