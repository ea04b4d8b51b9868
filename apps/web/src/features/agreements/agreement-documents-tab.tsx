import '@mantine/dropzone/styles.css'
import { useState } from 'react'
import { Alert, Button, Card, Group, Select, Stack, Table, Text } from '@mantine/core'
import { Dropzone, type FileRejection } from '@mantine/dropzone'
import { IconAlertTriangle, IconDownload, IconFileText, IconTrash, IconUpload, IconX } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { AgreementDocumentTypes, EditableAgreementStatuses, type Agreement, type AgreementStatus, type AgreementDocument, type AgreementDocumentMediaType, type AgreementDocumentType } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { ConfirmModal } from '../../components/confirm-modal'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { saveBlob } from '../../lib/download'
import { formatBytes, formatDateTime } from '../../lib/format'
import { errorMessage, notifyError, notifySuccess } from '../../lib/notify'
import { useDeleteDocument } from './api/delete-document'
import { useDownloadDocument } from './api/download-document'
import { useAgreementDocuments } from './api/list-documents'
import { useUploadDocument } from './api/upload-document'

/**
 * The API's default document limit. The server's own limit decides; a larger file it refuses
 * comes back as a 413 and is explained the same way.
 */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
const ACCEPT = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
} satisfies Record<AgreementDocumentMediaType, string[]>

/** The agreement's documents: upload (while it may still change), download, delete. */
export function AgreementDocumentsTab({ agreement, canManage }: { agreement: Agreement; canManage: boolean }) {
  const { t } = useTranslation()
  const documents = useAgreementDocuments(agreement.id)
  const download = useDownloadDocument(agreement.id)
  const [deleting, setDeleting] = useState<AgreementDocument | null>(null)
  const items = documents.data ?? []

  return (
    <Stack data-testid="agreement-documents">
      {canManage ? <UploadCard agreementId={agreement.id} /> : null}
      {documents.isError ? (
        <QueryError error={documents.error} onRetry={() => void documents.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreementDocuments.fileName')}</Table.Th>
                  <Table.Th>{t('agreementDocuments.type')}</Table.Th>
                  <Table.Th ta="right">{t('agreementDocuments.size')}</Table.Th>
                  <Table.Th>{t('agreementDocuments.uploadedBy')}</Table.Th>
                  <Table.Th>{t('agreementDocuments.uploadedAt')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="document-rows">
                {documents.isPending ? (
                  <SkeletonRows rows={2} columns={6} />
                ) : (
                  items.map((document) => (
                    <Table.Tr key={document.id} data-file={document.fileName}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <IconFileText size={16} aria-hidden />
                          <Text size="sm">{document.fileName}</Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>{t(`agreement.documentTypes.${document.type}`)}</Table.Td>
                      <Table.Td ta="right" className="nowrap">
                        {formatBytes(document.sizeBytes)}
                      </Table.Td>
                      <Table.Td>{document.uploadedBy.name}</Table.Td>
                      <Table.Td className="nowrap">{formatDateTime(document.uploadedAt)}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconDownload size={14} />}
                            loading={download.isPending && download.variables === document.id}
                            onClick={() =>
                              download.mutate(document.id, {
                                onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? document.fileName),
                                onError: (error) => notifyError(error, t),
                              })
                            }
                          >
                            {t('agreementDocuments.download')}
                          </Button>
                          {canManage && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => setDeleting(document)}
                              aria-label={`${t('agreementDocuments.delete')} ${document.fileName}`}
                            >
                              {t('agreementDocuments.delete')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!documents.isPending && items.length === 0 && <EmptyState text={t('agreementDocuments.empty')} />}
        </Card>
      )}
      {!(EditableAgreementStatuses as readonly AgreementStatus[]).includes(agreement.status) && (
        <Text size="sm" c="dimmed">
          {t('agreementDocuments.readOnly')}
        </Text>
      )}
      {deleting && <DeleteModal agreementId={agreement.id} document={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  )
}

function UploadCard({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation()
  const upload = useUploadDocument(agreementId)
  const [type, setType] = useState<AgreementDocumentType>('agreement_text')
  const [rejection, setRejection] = useState<string | null>(null)
  const size = formatBytes(DOCUMENT_MAX_BYTES)

  const onDrop = (files: File[]) => {
    setRejection(null)
    for (const file of files) {
      upload.mutate(
        { file, type },
        {
          onSuccess: (document) => notifySuccess(t('agreementDocuments.uploaded', { file: document.fileName })),
          onError: (error) => {
            if (isApiError(error) && error.status === 413) return setRejection(t('agreementDocuments.tooLarge', { size }))
            if (isApiError(error) && error.status === 415) return setRejection(t('agreementDocuments.wrongType'))
            setRejection(errorMessage(error, t))
          },
        },
      )
    }
  }
  const onReject = (rejections: FileRejection[]) => {
    const codes = rejections.flatMap((rejected) => rejected.errors.map((error) => error.code))
    setRejection(codes.includes('file-too-large') ? t('agreementDocuments.tooLarge', { size }) : t('agreementDocuments.wrongType'))
  }

  return (
    <Card withBorder>
      <Group align="flex-start" gap="md" wrap="wrap">
        <Select
          label={t('agreementDocuments.type')}
          allowDeselect={false}
          w={240}
          data={AgreementDocumentTypes.map((value) => ({ value, label: t(`agreement.documentTypes.${value}`) }))}
          value={type}
          onChange={(value) => value && setType(value as AgreementDocumentType)}
          data-testid="document-type"
        />
        <Dropzone
          onDrop={onDrop}
          onReject={onReject}
          maxSize={DOCUMENT_MAX_BYTES}
          accept={ACCEPT}
          loading={upload.isPending}
          aria-label={t('agreementDocuments.dropLabel')}
          data-testid="document-dropzone"
          style={{ flex: 1, minWidth: 280 }}
        >
          <Group justify="center" gap="lg" mih={90} style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <IconUpload size={36} stroke={1.5} />
            </Dropzone.Accept>
            <Dropzone.Reject>
              <IconX size={36} stroke={1.5} />
            </Dropzone.Reject>
            <Dropzone.Idle>
              <IconFileText size={36} stroke={1.5} />
            </Dropzone.Idle>
            <div>
              <Text>{t('agreementDocuments.dropTitle')}</Text>
              <Text size="sm" c="dimmed" mt={4}>
                {t('agreementDocuments.dropHint', { size })}
              </Text>
            </div>
          </Group>
        </Dropzone>
      </Group>
      {rejection && (
        <Alert color="red" icon={<IconAlertTriangle />} role="alert" mt="sm" data-testid="document-rejection">
          {rejection}
        </Alert>
      )}
    </Card>
  )
}

function DeleteModal({ agreementId, document, onClose }: { agreementId: string; document: AgreementDocument; onClose: () => void }) {
  const { t } = useTranslation()
  const remove = useDeleteDocument(agreementId)
  return (
    <ConfirmModal
      title={t('agreementDocuments.deleteTitle', { file: document.fileName })}
      text={t('agreementDocuments.deleteText')}
      confirmLabel={t('agreementDocuments.delete')}
      loading={remove.isPending}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(document.id, {
          onSuccess: () => {
            notifySuccess(t('agreementDocuments.deleted', { file: document.fileName }))
            onClose()
          },
          onError: (error) => notifyError(error, t),
        })
      }
    />
  )
}
