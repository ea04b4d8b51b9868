import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title, Group, SegmentedControl } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconBuildingCommunity } from '@tabler/icons-react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LoginBody } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { currentLanguage, setLanguage } from '../../i18n'
import { validateBody } from '../../lib/form-errors'
import { errorMessage } from '../../lib/notify'
import { paths } from '../../app/paths'
import { useSession } from '../../app/session'
import { useLogin } from './api/login'

/** Only same-app paths are accepted as a return address, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.dashboard
}

export function SignInPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const session = useSession()
  const login = useLogin()
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => validateBody(LoginBody, { email: values.email.trim(), password: values.password }, currentLanguage()),
  })

  if (session.status === 'signedIn' && !login.isPending) return <Navigate to={safeNext(search.get('next'))} replace />

  const failure = login.error
  const failureText =
    isApiError(failure) && failure.status === 401
      ? t('auth.invalidCredentials')
      : isApiError(failure) && failure.status === 429
        ? t('auth.rateLimited')
        : failure
          ? errorMessage(failure, t)
          : null

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            login.mutate(
              { email: values.email.trim(), password: values.password },
              { onSuccess: () => void navigate(safeNext(search.get('next')), { replace: true }) },
            ),
          )}
        >
          <Stack>
            <Group justify="space-between" align="flex-start">
              <IconBuildingCommunity size={40} aria-hidden />
              <SegmentedControl
                size="xs"
                aria-label={t('language.label')}
                value={currentLanguage()}
                onChange={(value) => setLanguage(value === 'en' ? 'en' : 'vi')}
                data={[
                  { value: 'vi', label: 'VI' },
                  { value: 'en', label: 'EN' },
                ]}
              />
            </Group>
            <div>
              <Title order={1} size="h2">
                {t('auth.signInTitle')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('auth.signInSubtitle')}
              </Text>
            </div>
            {failureText && (
              <Alert color="red" icon={<IconAlertTriangle />} role="alert">
                {failureText}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              autoFocus
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput label={t('auth.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
