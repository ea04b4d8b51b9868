import { useState } from 'react'
import { Anchor, Button, Card, Group, Modal, Stack, Table, Textarea } from '@mantine/core'
import { IconPrinter } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { validationMessage, type TrainingCertificate, type TrainingClass } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { saveBlob } from '../../lib/download'
import { formatDate } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCertificatePdf } from './api/get-certificate-pdf'
import { useCertificates } from './api/list-certificates'
import { useRevokeCertificate } from './api/revoke-certificate'
import { CertificateStatusBadge } from './training-labels'

/** Certificates issued when the class was completed: open the PDF to print, or revoke one. */
export function CertificatesTab({ training, canManage }: { training: TrainingClass; canManage: boolean }) {
  const { t } = useTranslation()
  const certificates = useCertificates(training.id)
  const pdf = useCertificatePdf()
  const [revoking, setRevoking] = useState<TrainingCertificate | null>(null)
  const items = certificates.data ?? []

  const print = (certificate: TrainingCertificate) => {
    // Opened before the download finishes: a window opened later, outside the click, is blocked as a pop-up.
    const view = window.open('', '_blank')
    pdf.mutate(certificate.id, {
      onSuccess: ({ blob, fileName }) => {
        const url = URL.createObjectURL(blob)
        if (view) view.location.href = url
        else {
          saveBlob(blob, fileName ?? `${certificate.number}.pdf`)
          notifySuccess(t('certificates.popupBlocked'))
        }
        // The viewer keeps its own copy once loaded.
        setTimeout(() => URL.revokeObjectURL(url), 60_000)
      },
      onError: (error) => {
        view?.close()
        notifyError(error, t)
      },
    })
  }

  if (certificates.isError) return <QueryError error={certificates.error} onRetry={() => void certificates.refetch()} />
  return (
    <Card withBorder p={0}>
      <Table.ScrollContainer minWidth={820}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('certificates.number')}</Table.Th>
              <Table.Th>{t('certificates.holder')}</Table.Th>
              <Table.Th>{t('certificates.issuedOn')}</Table.Th>
              <Table.Th>{t('certificates.verificationCode')}</Table.Th>
              <Table.Th>{t('certificates.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody data-testid="certificate-rows">
            {certificates.isPending ? (
              <SkeletonRows rows={3} columns={6} />
            ) : (
              items.map((certificate) => (
                <Table.Tr key={certificate.id} data-holder={certificate.member.fullName}>
                  <Table.Td ff="monospace" data-testid="certificate-number">
                    {certificate.number}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={paths.member(certificate.member.id)}>
                      {certificate.member.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(certificate.issuedOn)}</Table.Td>
                  <Table.Td ff="monospace" className="nowrap">
                    <Anchor
                      component={Link}
                      to={paths.verifyCertificate(certificate.verificationCode)}
                      target="_blank"
                      title={t('verifyCertificate.title')}
                      data-testid="certificate-code"
                    >
                      {certificate.verificationCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <CertificateStatusBadge status={certificate.status} />
                  </Table.Td>
                  <Table.Td>
                    {certificate.status === 'valid' && (
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="light"
                          leftSection={<IconPrinter size={14} />}
                          loading={pdf.isPending && pdf.variables === certificate.id}
                          onClick={() => print(certificate)}
                        >
                          {t('certificates.print')}
                        </Button>
                        {canManage && (
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(certificate)}>
                            {t('certificates.revoke')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!certificates.isPending && items.length === 0 && <EmptyState title={t('certificates.emptyTitle')} text={t('certificates.emptyText')} />}
      {revoking && <RevokeModal classId={training.id} certificate={revoking} onClose={() => setRevoking(null)} />}
    </Card>
  )
}

function RevokeModal({ classId, certificate, onClose }: { classId: string; certificate: TrainingCertificate; onClose: () => void }) {
  const { t } = useTranslation()
  const revoke = useRevokeCertificate(classId)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <Modal opened onClose={onClose} title={t('certificates.revokeTitle', { number: certificate.number })}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!reason.trim()) return setError(validationMessage('required', {}, currentLanguage()))
          revoke.mutate(
            { id: certificate.id, body: { reason: reason.trim() } },
            {
              onSuccess: () => {
                notifySuccess(t('certificates.revoked', { number: certificate.number }))
                onClose()
              },
              onError: (failure) => notifyError(failure, t),
            },
          )
        }}
      >
        <Stack>
          <Textarea
            label={t('certificates.revokeReason')}
            required
            autoFocus
            maxLength={1000}
            value={reason}
            error={error}
            onChange={(event) => {
              setReason(event.currentTarget.value)
              setError(null)
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="red" loading={revoke.isPending}>
              {t('certificates.revoke')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
