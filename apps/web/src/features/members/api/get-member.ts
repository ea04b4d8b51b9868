import { queryOptions, useQuery } from '@tanstack/react-query'
import { memberRoutes, RevealableFields, type Member } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** A member with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedMember {
  member: Member
  etag: string | null
}

export const memberQueryOptions = (id: string) =>
  queryOptions({
    queryKey: memberKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedMember> => {
      const { data, etag } = await api.request(memberRoutes.get, { params: { id }, signal })
      return { member: data, etag }
    },
  })

export const useMember = (id: string) => useQuery({ ...memberQueryOptions(id), enabled: !!id })

/**
 * The member with CCCD and phone in full. Each read is an audited reveal, so it runs
 * only when asked for, is never refetched behind the person's back, and is dropped
 * from the cache as soon as the page no longer shows it.
 */
export const revealedMemberQueryOptions = (id: string) =>
  queryOptions({
    queryKey: memberKeys.revealed(id),
    queryFn: ({ signal }) => api.call(memberRoutes.get, { params: { id }, query: { reveal: RevealableFields.join(',') }, signal }),
    staleTime: Infinity,
    gcTime: 0,
  })

export const useRevealedMember = (id: string, enabled: boolean) => useQuery({ ...revealedMemberQueryOptions(id), enabled })
