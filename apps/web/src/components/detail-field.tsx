import { Skeleton, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** One labelled value on a record's page; an empty value reads "—" (app.none), dimmed. */
export function DetailField({ label, value, testId, mono }: { label: string; value: ReactNode; testId?: string; mono?: boolean }) {
  const { t } = useTranslation()
  const empty = value === null || value === undefined || value === ''
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId} c={empty ? 'dimmed' : undefined} ff={mono && !empty ? 'monospace' : undefined}>
        {empty ? t('app.none') : value}
      </Text>
    </div>
  )
}

/** What a record's page shows while it loads: breadcrumb, title, then two cards. */
export function DetailSkeleton() {
  return (
    <Stack aria-busy="true">
      <Skeleton height={14} width="20%" />
      <Skeleton height={32} width="50%" />
      <Skeleton height={200} />
      <Skeleton height={200} />
    </Stack>
  )
}

/** What an edit page shows while the record loads: its title, then the form. */
export function FormSkeleton() {
  return (
    <Stack aria-busy="true">
      <Skeleton height={32} width="50%" />
      <Skeleton height={300} />
    </Stack>
  )
}
