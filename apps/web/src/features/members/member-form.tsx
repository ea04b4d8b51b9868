import { Alert, Anchor, Card, Checkbox, Grid, Group, Radio, Stack, TextInput, Title } from '@mantine/core'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Genders, type Member } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { UnionSelect } from '../../components/union-select'
import type { ApiError } from '../../api/api-error'
import { paths } from '../../app/paths'
import type { MemberFormValues } from './member-body'

/** The person is already recorded as a member; the API names the record when it is in the person's scope. */
export interface DuplicateMember {
  memberId: string | null
}

/** A 409 about the CCCD means a duplicate person, not a generic conflict. */
export function duplicateOf(error: ApiError): DuplicateMember | null {
  if (error.status !== 409) return null
  const fieldError = error.fieldErrors.find((candidate) => candidate.field === '/citizenId')
  if (!fieldError) return null
  const memberId = fieldError.params?.memberId
  return { memberId: typeof memberId === 'string' ? memberId : null }
}

export function useMemberForm(initialValues: MemberFormValues) {
  return useForm<MemberFormValues>({ initialValues })
}

interface MemberFormProps {
  form: UseFormReturnType<MemberFormValues>
  mode: 'create' | 'edit'
  /** For edit: the record, whose masked CCCD and phone show as placeholders. */
  member?: Member
  submitting: boolean
  /** Saving was refused because this CCCD already belongs to a member. */
  duplicate?: DuplicateMember | null
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: MemberFormValues) => void
}

/**
 * Admission and edit of a member. Built for typing through a paper form: the first
 * empty field has focus, Tab moves in reading order and Enter saves.
 */
export function MemberForm({ form, mode, member, submitting, duplicate, staleError, onReload, onCancel, onSubmit }: MemberFormProps) {
  const { t } = useTranslation()
  const create = mode === 'create'
  const unionChosen = !!form.values.unionId

  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)} data-testid="member-form">
      <Stack>
        {staleError && <StaleRecordAlert title={t('memberForm.staleTitle')} onReload={onReload} />}
        {duplicate && (
          <Alert color="red" icon={<IconAlertTriangle />} title={t('memberForm.duplicateTitle')} role="alert" data-testid="duplicate-member">
            {t('memberForm.duplicate')}{' '}
            {duplicate.memberId && (
              <Anchor component={Link} to={paths.member(duplicate.memberId)}>
                {t('memberForm.openExisting')}
              </Anchor>
            )}
          </Alert>
        )}
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('memberForm.personSection')}
          </Title>
          <Grid gutter="sm">
            {create && (
              <Grid.Col span={12}>
                <UnionSelect
                  label={t('member.fields.union')}
                  description={t('memberForm.unionHint')}
                  placeholder={t('pickers.grassrootsPlaceholder')}
                  required
                  grassrootsOnly
                  autoFocus={!unionChosen}
                  value={form.values.unionId}
                  onChange={(id) => form.setFieldValue('unionId', id)}
                  error={form.errors.unionId}
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('member.fields.fullName')}
                required
                maxLength={120}
                autoComplete="off"
                autoFocus={!create || unionChosen}
                {...form.getInputProps('fullName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <DateField label={t('member.fields.dateOfBirth')} required {...form.getInputProps('dateOfBirth')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Radio.Group label={t('member.fields.gender')} required {...form.getInputProps('gender')}>
                <Group gap="md" mt={8}>
                  {Genders.map((gender) => (
                    <Radio key={gender} value={gender} label={t(`member.genders.${gender}`)} />
                  ))}
                </Group>
              </Radio.Group>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('member.fields.citizenId')}
                required={create}
                inputMode="numeric"
                autoComplete="off"
                maxLength={15}
                placeholder={create ? t('memberForm.citizenIdPlaceholder') : (member?.citizenId ?? undefined)}
                description={create ? t('memberForm.citizenIdHint') : t('memberForm.maskedKeepHint')}
                {...form.getInputProps('citizenId')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('member.fields.phone')}
                type="tel"
                autoComplete="off"
                maxLength={20}
                placeholder={create ? undefined : (member?.phone ?? undefined)}
                description={create ? undefined : t('memberForm.maskedKeepHint')}
                disabled={form.values.clearPhone}
                {...form.getInputProps('phone')}
              />
              {!create && member?.phone ? (
                <Checkbox mt="xs" label={t('memberForm.clearPhone')} {...form.getInputProps('clearPhone', { type: 'checkbox' })} />
              ) : null}
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('member.fields.ethnicity')} maxLength={60} {...form.getInputProps('ethnicity')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label={t('member.fields.occupation')} maxLength={120} {...form.getInputProps('occupation')} />
            </Grid.Col>
          </Grid>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('memberForm.membershipSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField label={t('member.fields.admittedOn')} required {...form.getInputProps('admittedOn')} />
            </Grid.Col>
            {create && (
              <>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t('memberForm.existingCardNumber')}
                    description={t('memberForm.existingCardHint')}
                    maxLength={24}
                    autoComplete="off"
                    {...form.getInputProps('cardNumber')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <DateField
                    label={t('member.fields.cardIssuedOn')}
                    disabled={!form.values.cardNumber.trim()}
                    {...form.getInputProps('cardIssuedOn')}
                  />
                </Grid.Col>
              </>
            )}
          </Grid>
        </Card>
        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}
