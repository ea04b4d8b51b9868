import { useMemo, useState } from 'react'
import { Loader, Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { memberRoutes, type MemberListQuery } from '@liendoan/contracts'
import { api } from '../api/client'
import { formatDate } from '../lib/format'

interface MemberPickerProps extends Omit<SelectProps, 'data' | 'onChange' | 'value' | 'searchValue' | 'onSearchChange'> {
  value: string | null
  onChange: (id: string | null) => void
  /** Which members may be chosen, e.g. `{ unionId, status: 'active' }` for an officer of that union. */
  scope: Pick<MemberListQuery, 'unionId' | 'under' | 'status'>
}

/**
 * Finds a member by typing the name without diacritics ("tran van hung"); the
 * options show the date of birth to tell namesakes apart.
 */
export function MemberPicker({ value, onChange, scope, ...rest }: MemberPickerProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 250)
  const [chosenLabel, setChosenLabel] = useState<string | null>(null)
  const q = debounced === chosenLabel ? '' : debounced.trim()
  const filters = { ...scope, q: q || undefined }
  // Keys start with 'members' so member changes refresh the options too.
  const results = useQuery({
    queryKey: ['members', 'picker', filters],
    queryFn: ({ signal }) => api.call(memberRoutes.list, { query: { ...filters, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  })

  const data = useMemo(() => {
    const options = (results.data?.items ?? []).map((member) => ({
      value: member.id,
      label: `${member.fullName} (${formatDate(member.dateOfBirth)})`,
    }))
    if (value && chosenLabel && !options.some((option) => option.value === value)) options.unshift({ value, label: chosenLabel })
    return options
  }, [results.data, value, chosenLabel])

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
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('app.loading') : t('pickers.noMember')}
      placeholder={t('pickers.memberPlaceholder')}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      {...rest}
    />
  )
}
