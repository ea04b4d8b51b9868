import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberImportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

export interface ImportUpload {
  file: File
  /** Union for rows without a union code. */
  unionId: string | null
  /** One key per chosen file: a retried upload does not start a second dry run. */
  idempotencyKey: string
}

/** `POST /members/imports` (multipart): uploads the sheet and starts the dry run. */
export function useCreateImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ file, unionId, idempotencyKey }: ImportUpload) => {
      const form = new FormData()
      // The union goes first: the API may read fields before it streams the file.
      if (unionId) form.append('unionId', unionId)
      form.append('file', file, file.name)
      return api.upload(memberImportRoutes.create, { form, headers: { 'Idempotency-Key': idempotencyKey } })
    },
    onSuccess: ({ data }) => queryClient.setQueryData(memberKeys.import(data.id), data),
  })
}
