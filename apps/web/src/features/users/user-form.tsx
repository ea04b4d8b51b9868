import { Alert, Card, Grid, Input, PasswordInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { IconLock } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Roles, UserStatuses, type Role, type UserStatus } from '@liendoan/contracts'
import { UnionPicker } from '../unions/union-picker'
import type { UserFormValues } from './user-body'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'

export function useUserForm(initialValues: UserFormValues) {
  return useForm<UserFormValues>({ initialValues })
}

interface UserFormProps {
  form: UseFormReturnType<UserFormValues>
  mode: 'create' | 'edit'
  /** Name of the account's current union, shown in the picker before any search. */
  unionName?: string | null
  /** Editing one's own account: role, union and status are locked (the API refuses changes to them). */
  isSelf?: boolean
  submitting: boolean
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: UserFormValues) => void
}

/** Create and edit form for an account; the pages turn the values into contract bodies. */
export function UserForm({ form, mode, unionName, isSelf = false, submitting, staleError, onReload, onCancel, onSubmit }: UserFormProps) {
  const { t } = useTranslation()
  const statusError = form.errors.status
  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)}>
      <Stack maw={860}>
        {staleError && (
          <StaleRecordAlert title={t('users.staleTitle')} onReload={onReload} />
        )}
        {isSelf && (
          <Alert color="blue" icon={<IconLock />} role="note">
            {t('users.selfLocked')}
          </Alert>
        )}
        <Card withBorder>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('users.email')}
                type="email"
                autoComplete="off"
                required={mode === 'create'}
                disabled={mode === 'edit'}
                maxLength={254}
                autoFocus={mode === 'create'}
                {...form.getInputProps('email')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('users.fullName')}
                required
                maxLength={200}
                autoFocus={mode === 'edit'}
                {...form.getInputProps('fullName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('users.role')}
                placeholder={t('users.selectRole')}
                required
                allowDeselect={false}
                disabled={isSelf}
                data={Roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                {...form.getInputProps('role')}
                onChange={(value) => form.setFieldValue('role', value as Role | null)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <UnionPicker
                label={t('users.union')}
                description={t('users.unionHint')}
                required
                disabled={isSelf}
                value={form.values.unionId}
                initialLabel={unionName ?? null}
                onChange={(id) => form.setFieldValue('unionId', id)}
                error={form.errors.unionId}
              />
            </Grid.Col>
            {mode === 'edit' && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Input.Wrapper label={t('users.status')} error={statusError} id="user-status" labelElement="div">
                  <div>
                    <SegmentedControl
                      aria-labelledby="user-status-label"
                      disabled={isSelf}
                      value={form.values.status}
                      onChange={(value) => form.setFieldValue('status', value as UserStatus)}
                      data={UserStatuses.map((status) => ({ value: status, label: t(`users.statuses.${status}`) }))}
                    />
                  </div>
                </Input.Wrapper>
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <PasswordInput
                label={mode === 'create' ? t('users.password') : t('users.newPassword')}
                description={mode === 'create' ? t('users.passwordHint') : t('users.newPasswordHint')}
                required={mode === 'create'}
                autoComplete="new-password"
                maxLength={256}
                {...form.getInputProps('password')}
              />
            </Grid.Col>
          </Grid>
        </Card>
        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}
