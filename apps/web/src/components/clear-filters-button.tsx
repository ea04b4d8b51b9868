import { Button } from '@mantine/core'
import { IconX } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** "Xóa bộ lọc" beside a list's filters, shown while any filter is set. */
export function ClearFiltersButton({ onClear }: { onClear: () => void }) {
  const { t } = useTranslation()
  return (
    <Button variant="subtle" size="xs" leftSection={<IconX size={16} />} onClick={onClear}>
      {t('app.clearFilters')}
    </Button>
  )
}
