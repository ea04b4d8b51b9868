import { useMutation, useQueryClient } from '@tanstack/react-query'
import { targetKeys } from './target-keys'

/** A mutation after which the target lists and the dashboard's results (also under 'targets') are refetched. */
export function useTargetMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: targetKeys.all }),
  })
}
