import { Stack, Text } from '@mantine/core'
import { IconInbox } from '@tabler/icons-react'
import type { ReactNode } from 'react'

export function EmptyState({ title, text, action }: { title?: string; text: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="xl" c="dimmed">
      <IconInbox size={36} stroke={1.5} aria-hidden />
      {title && (
        <Text fw={600} c="var(--mantine-color-text)">
          {title}
        </Text>
      )}
      <Text size="sm" ta="center">
        {text}
      </Text>
      {action}
    </Stack>
  )
}
