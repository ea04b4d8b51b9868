import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CreateMemberBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useCreateMember } from './api/create-member'
import { emptyMemberForm, MEMBER_FORM_FIELDS, toCreateBody } from './member-body'
import { duplicateOf, MemberForm, type DuplicateMember, useMemberForm } from './member-form'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Admission (kết nạp) of a member into a grassroots union; `?unionId=` preselects the union. */
export function MemberCreatePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const create = useCreateMember()
  const presetUnion = search.get('unionId')
  const form = useMemberForm(emptyMemberForm(presetUnion && UUID.test(presetUnion) ? presetUnion : null, todayIso()))
  const [duplicate, setDuplicate] = useState<DuplicateMember | null>(null)

  if (!can(user, 'member.write')) return <NotFound />

  return (
    <>
      <PageHeader title={t('memberForm.createTitle')} />
      <MemberForm
        form={form}
        mode="create"
        submitting={create.isPending}
        duplicate={duplicate}
        onCancel={() => void navigate(-1)}
        onSubmit={(values) => {
          setDuplicate(null)
          const checked = checkBody(CreateMemberBody, toCreateBody(values), currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          create.mutate(checked.value, {
            onSuccess: ({ data }) => {
              notifySuccess(t('memberForm.created', { name: data.fullName }))
              void navigate(paths.member(data.id))
            },
            onError: (error) => {
              if (isApiError(error)) {
                applyProblemToForm(error.fieldErrors, MEMBER_FORM_FIELDS, form.setErrors, currentLanguage())
                // The same person is already a member somewhere: say so plainly, not as a generic error.
                const duplicateMember = duplicateOf(error)
                if (duplicateMember) return setDuplicate(duplicateMember)
              }
              notifyError(error, t)
            },
          })
        }}
      />
    </>
  )
}
