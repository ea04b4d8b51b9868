import { useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** What a new agreement takes from its grassroots union: the employer and the workers it employs. */
export interface UnionDefaults {
  id: string
  name: string
  employerName: string | null
  employerTaxCode: string | null
  workersEmployed: number | null
  isGrassroots: boolean
}

/** `GET /unions/:id`, read for the agreement form's defaults (the unions feature is not imported). */
export const useUnionDefaults = (unionId: string | null) =>
  useQuery({
    queryKey: agreementKeys.unionDefaults(unionId ?? ''),
    queryFn: async ({ signal }): Promise<UnionDefaults> => {
      const union = await api.call(unionRoutes.get, { params: { id: unionId ?? '' }, signal })
      return {
        id: union.id,
        name: union.name,
        employerName: union.employerName,
        employerTaxCode: union.employerTaxCode,
        workersEmployed: union.workersEmployed,
        isGrassroots: union.unitType.isGrassroots,
      }
    },
    enabled: !!unionId,
    staleTime: 60_000,
  })
