import { Select, type SelectProps } from '@mantine/core'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { officerRoutes } from '@liendoan/contracts'
import { api } from '../api/client'

/** Officer positions are reference data (Chủ tịch, Phó Chủ tịch, …): read once per session. */
export const officerPositionsQueryOptions = () =>
  queryOptions({
    queryKey: ['officer-positions'] as const,
    queryFn: async ({ signal }) => {
      const { items } = await api.call(officerRoutes.positions, { signal })
      return [...items].sort((a, b) => a.sortOrder - b.sortOrder)
    },
    staleTime: Infinity,
  })

export const useOfficerPositions = () => useQuery(officerPositionsQueryOptions())

interface OfficerPositionSelectProps extends Omit<SelectProps, 'data'> {
  /** Option values are position codes (filters) or ids (appointments). */
  valueKind: 'code' | 'id'
}

/** A position from the configured list, named in the interface language. */
export function OfficerPositionSelect({ valueKind, ...rest }: OfficerPositionSelectProps) {
  const { i18n } = useTranslation()
  const positions = useOfficerPositions()
  return (
    <Select
      data={(positions.data ?? []).map((position) => ({
        value: valueKind === 'code' ? position.code : position.id,
        label: i18n.language === 'en' ? position.nameEn : position.name,
      }))}
      {...rest}
    />
  )
}
