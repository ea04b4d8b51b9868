import { Center, Stack, Text, Title } from '@mantine/core'
import { IconHourglass } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** Placeholder for modules on the roadmap, so the navigation shows the whole mission. */
export function ComingSoon({ module }: { module: string }) {
  const { t } = useTranslation()
  return (
    <Center py="xl">
      <Stack align="center" gap="sm" maw={480}>
        <IconHourglass size={48} stroke={1.5} aria-hidden />
        <Title order={2}>{t('comingSoon.title')}</Title>
        <Text c="dimmed" ta="center">
          {t('comingSoon.text', { module })}
        </Text>
      </Stack>
    </Center>
  )
}
