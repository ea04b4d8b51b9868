import { useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** `GET /certificates/verify/:code` (public): holder, class and date of a valid certificate, else 404. */
export const useCertificateVerification = (code: string | null) =>
  useQuery({
    queryKey: ['certificate-verification', code],
    queryFn: ({ signal }) => api.call(trainingRoutes.verifyCertificate, { params: { code: code ?? '' }, signal }),
    enabled: !!code,
    // A 404 is the answer, not a failure to retry; and the check is rate-limited.
    retry: false,
    staleTime: 60_000,
  })
