import { Button, Center, Stack, Text, Title } from '@mantine/core'
import { IconMapOff } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { paths } from '../app/paths'

/** Shown for unknown URLs and for records the API answers 404 (missing or out of scope alike). */
export function NotFound() {
  const { t } = useTranslation()
  return (
    <Center py="xl" data-testid="not-found">
      <Stack align="center" gap="sm" maw={480}>
        <IconMapOff size={48} stroke={1.5} aria-hidden />
        <Title order={2}>{t('errors.notFoundTitle')}</Title>
        <Text c="dimmed" ta="center">
          {t('errors.notFoundText')}
        </Text>
        <Button component={Link} to={paths.dashboard} variant="light">
          {t('errors.goHome')}
        </Button>
      </Stack>
    </Center>
  )
}
