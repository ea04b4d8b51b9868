import { useMemo, useState } from 'react'
import { Loader, Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useTranslation } from 'react-i18next'
import { useUnionSearch } from './api/list-unions'

interface UnionPickerProps extends Omit<SelectProps, 'data' | 'onChange' | 'value' | 'searchValue' | 'onSearchChange'> {
  value: string | null
  onChange: (id: string | null) => void
  /** Label for the current value before any search has run (e.g. the current parent's name). */
  initialLabel?: string | null
  /** Leave these out of the options (the union itself when picking where to move it). */
  excludeIds?: readonly string[]
  /** Only units that can have children (parents, merge targets of the same level). */
  nonGrassrootsOnly?: boolean
}

/** Finds a union by typing part of its name or code; the API does accent-insensitive matching. */
export function UnionPicker({ value, onChange, initialLabel, excludeIds = [], nonGrassrootsOnly, ...rest }: UnionPickerProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 250)
  const [selectedLabel, setSelectedLabel] = useState<string | null>(initialLabel ?? null)
  // Once an option is chosen the box shows its label; that is not a search.
  const q = debounced === selectedLabel ? '' : debounced.trim()
  const results = useUnionSearch({
    q: q || undefined,
    status: 'active',
    ...(nonGrassrootsOnly ? { grassroots: false } : {}),
  })

  const data = useMemo(() => {
    const options = (results.data?.items ?? [])
      .filter((union) => !excludeIds.includes(union.id))
      .map((union) => ({ value: union.id, label: `${union.name} (${union.code})` }))
    // Keep the chosen value selectable even when the current search does not return it.
    if (value && selectedLabel && !options.some((option) => option.value === value)) {
      options.unshift({ value, label: selectedLabel })
    }
    return options
  }, [results.data, excludeIds, value, selectedLabel])

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setSelectedLabel(option?.label ?? null)
        onChange(id)
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search text; filtering again locally would drop accent-free matches.
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('app.loading') : t('restructure.pickerNothing')}
      placeholder={t('restructure.pickerPlaceholder')}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      {...rest}
    />
  )
}
