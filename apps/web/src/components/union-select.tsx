import { useMemo, useState } from 'react'
import { Loader, Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../api/client'

interface UnionSelectProps extends Omit<SelectProps, 'data' | 'onChange' | 'value' | 'searchValue' | 'onSearchChange'> {
  value: string | null
  onChange: (id: string | null) => void
  /** Only grassroots unions (where members belong). */
  grassrootsOnly?: boolean
  /** Unions not to offer (a target goes to a unit strictly below the person's own). */
  excludeIds?: readonly string[]
}

/*
 * Keys start with 'unions' so that every union change (which invalidates the
 * unions feature's keys from their root) also refreshes these options.
 */
const pickerKey = (filters: object) => ['unions', 'picker', filters] as const
const labelKey = (id: string) => ['unions', 'picker-label', id] as const

/**
 * Picks a union in the person's scope by typing part of its name or code (the API
 * matches without diacritics). Shared by the member, import and officer screens;
 * a value set from the URL gets its label from the API.
 */
export function UnionSelect({ value, onChange, grassrootsOnly, excludeIds, ...rest }: UnionSelectProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 250)
  const [chosenLabel, setChosenLabel] = useState<string | null>(null)
  // Once an option is chosen the box shows its label; that is not a search.
  const q = debounced === chosenLabel ? '' : debounced.trim()
  const filters = { q: q || undefined, status: 'active' as const, ...(grassrootsOnly ? { grassroots: true } : {}) }
  const results = useQuery({
    queryKey: pickerKey(filters),
    queryFn: ({ signal }) => api.call(unionRoutes.list, { query: { ...filters, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  })
  const needsLabel = !!value && !chosenLabel && !results.data?.items.some((union) => union.id === value)
  const current = useQuery({
    queryKey: labelKey(value ?? ''),
    queryFn: async ({ signal }) => {
      const union = await api.call(unionRoutes.get, { params: { id: value ?? '' }, signal })
      return `${union.name} (${union.code})`
    },
    enabled: needsLabel,
    staleTime: 5 * 60_000,
  })

  const data = useMemo(() => {
    const options = (results.data?.items ?? [])
      .filter((union) => !excludeIds?.includes(union.id))
      .map((union) => ({ value: union.id, label: `${union.name} (${union.code})` }))
    // Keep the chosen value selectable even when the current search does not return it.
    const label = chosenLabel ?? current.data
    if (value && label && !options.some((option) => option.value === value)) options.unshift({ value, label })
    return options
  }, [results.data, value, chosenLabel, current.data, excludeIds])

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosenLabel(option?.label ?? null)
        onChange(id)
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search text; filtering again locally would drop accent-free matches.
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('app.loading') : t('pickers.noUnion')}
      placeholder={t('pickers.unionPlaceholder')}
      rightSection={results.isFetching || current.isFetching ? <Loader size="xs" /> : undefined}
      {...rest}
    />
  )
}
