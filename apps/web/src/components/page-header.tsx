import { Group, Stack, Title } from '@mantine/core'
import type { ReactNode } from 'react'

export function PageHeader({ title, above, actions }: { title: ReactNode; above?: ReactNode; actions?: ReactNode }) {
  return (
    <Stack gap={4} mb="md">
      {above}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Title order={2}>{title}</Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  )
}
