import { useState } from 'react'
import { Alert, Anchor, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconCircleCheck, IconCertificate, IconAlertTriangle } from '@tabler/icons-react'
import { Link, useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { isNotFound } from '../../api/api-error'
import { errorMessage } from '../../lib/notify'
import { formatDate } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCertificateVerification } from './api/verify-certificate'
import { cleanVerificationCode } from './verification-code'

/**
 * Public page (no sign-in): anyone holding a printed certificate checks its code and
 * sees only what the API discloses: the holder's name, the class and the date.
 */
export function CertificateVerifyPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { code: codeParam } = useParams()
  const code = codeParam ? cleanVerificationCode(codeParam) : null
  const [text, setText] = useState(codeParam ?? '')
  const [invalid, setInvalid] = useState(false)
  const verification = useCertificateVerification(code)

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            const cleaned = cleanVerificationCode(text)
            setInvalid(!cleaned)
            if (cleaned) void navigate(paths.verifyCertificate(cleaned), { replace: true })
          }}
        >
          <Stack>
            <Group gap="sm">
              <IconCertificate size={36} aria-hidden />
              <Title order={1} size="h3">
                {t('verifyCertificate.title')}
              </Title>
            </Group>
            <Text size="sm" c="dimmed">
              {t('verifyCertificate.hint')}
            </Text>
            <TextInput
              label={t('verifyCertificate.code')}
              placeholder="K7M2-QX9P-4TRA"
              autoFocus
              autoComplete="off"
              maxLength={20}
              value={text}
              error={invalid || (codeParam && !code) ? t('verifyCertificate.invalid') : undefined}
              onChange={(event) => {
                setText(event.currentTarget.value)
                setInvalid(false)
              }}
            />
            <Button type="submit" loading={verification.isFetching}>
              {t('verifyCertificate.check')}
            </Button>
            {verification.isSuccess && (
              <Alert color="teal" icon={<IconCircleCheck />} title={t('verifyCertificate.valid')} data-testid="verification-result">
                <Stack gap={2}>
                  <Text size="sm">
                    {t('verifyCertificate.holder')}: <strong>{verification.data.holderName}</strong>
                  </Text>
                  <Text size="sm">
                    {t('verifyCertificate.class')}: {verification.data.classTitle}
                  </Text>
                  <Text size="sm">
                    {t('verifyCertificate.issuedOn')}: {formatDate(verification.data.issuedOn)}
                  </Text>
                </Stack>
              </Alert>
            )}
            {verification.isError && (
              <Alert color="red" icon={<IconAlertTriangle />} role="alert" data-testid="verification-result">
                {isNotFound(verification.error) ? t('verifyCertificate.notFound') : errorMessage(verification.error, t)}
              </Alert>
            )}
            <Anchor component={Link} to={paths.signIn} size="sm">
              {t('verifyCertificate.signIn')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
