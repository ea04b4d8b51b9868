import '@mantine/dropzone/styles.css'
import { useState } from 'react'
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { Dropzone, type FileRejection } from '@mantine/dropzone'
import { IconAlertTriangle, IconCheck, IconDownload, IconFileSpreadsheet, IconRefresh, IconUpload, IconX } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ImportJob, SpreadsheetFormat } from '@liendoan/contracts'
import { isApiError } from '../../../api/api-error'
import { NotFound } from '../../../components/not-found'
import { PageHeader } from '../../../components/page-header'
import { QueryError } from '../../../components/query-error'
import { UnionSelect } from '../../../components/union-select'
import { saveBlob } from '../../../lib/download'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { randomKey } from '../../../lib/ids'
import { errorMessage, notifyError } from '../../../lib/notify'
import { can } from '../../../lib/permissions'
import { paths } from '../../../app/paths'
import { useCurrentUser } from '../../../app/session'
import { useCommitImport } from '../api/commit-import'
import { useCreateImport } from '../api/create-import'
import { useDownloadTemplate } from '../api/download-template'
import { importIsRunning, useImportJob } from '../api/get-import'
import { memberFiltersToParams } from '../member-filters'
import { ImportErrorTable } from './import-error-table'

/**
 * The API's default upload limit (MEMBER_IMPORT_MAX_BYTES). The server's own limit
 * decides; a larger file it refuses comes back as a 413 and is explained the same way.
 */
const MAX_BYTES = 20 * 1024 * 1024
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ACCEPT = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
  // Windows reports CSV files as Excel's old type.
  'application/vnd.ms-excel': ['.csv'],
}

/** Which step of the wizard a job is at: 0 upload, 1 dry run and report, 2 commit and result. */
function stepOf(job: ImportJob | undefined): number {
  if (!job) return 0
  if (job.status === 'committing' || job.status === 'committed') return 2
  if (job.status === 'failed') return job.validatedAt ? 2 : 1
  return 1
}

/** Import members from a spreadsheet: upload, dry run with the bad cells shown, then an all-or-nothing commit. */
export function MemberImportPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const jobId = params.get('job')
  // The default union stays in the URL: after "fix the file and upload again" it is still chosen.
  const unionParam = params.get('unionId')
  const unionId = unionParam && UUID.test(unionParam) ? unionParam : null
  const job = useImportJob(jobId)
  const setParam = (key: 'job' | 'unionId', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      // A new job is a step the back button can return from; starting over or picking a union is not.
      { replace: !(key === 'job' && value) },
    )

  if (!can(user, 'member.import')) return <NotFound />
  const active = stepOf(job.data)

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.members} size="sm">
            {t('memberDetail.backToList')}
          </Anchor>
        }
        title={t('imports.title')}
      />
      <Stepper active={active} mb="lg" allowNextStepsSelect={false} size="sm">
        <Stepper.Step label={t('imports.stepUpload')} description={t('imports.stepUploadHint')} />
        <Stepper.Step label={t('imports.stepCheck')} description={t('imports.stepCheckHint')} />
        <Stepper.Step label={t('imports.stepCommit')} description={t('imports.stepCommitHint')} />
      </Stepper>
      {!jobId ? (
        <UploadStep unionId={unionId} onUnionChange={(id) => setParam('unionId', id)} onUploaded={(id) => setParam('job', id)} />
      ) : job.isError ? (
        <QueryError error={job.error} onRetry={() => void job.refetch()} />
      ) : job.isPending ? (
        <Progress value={100} animated aria-label={t('app.loading')} />
      ) : (
        <JobView key={job.data.id} job={job.data} onRestart={() => setParam('job', null)} />
      )}
    </>
  )
}

interface UploadStepProps {
  unionId: string | null
  onUnionChange: (id: string | null) => void
  onUploaded: (jobId: string) => void
}

function UploadStep({ unionId, onUnionChange, onUploaded }: UploadStepProps) {
  const { t } = useTranslation()
  const [rejection, setRejection] = useState<string | null>(null)
  const template = useDownloadTemplate()
  const upload = useCreateImport()

  const downloadTemplate = (format: SpreadsheetFormat) =>
    template.mutate(format, {
      onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `mau-nhap-doan-vien.${format}`),
      onError: (error) => notifyError(error, t),
    })

  const onDrop = (files: File[]) => {
    const file = files[0]
    if (!file) return
    setRejection(null)
    upload.mutate(
      { file, unionId, idempotencyKey: randomKey() },
      {
        onSuccess: ({ data }) => onUploaded(data.id),
        onError: (error) => {
          if (isApiError(error) && error.status === 413) return setRejection(t('imports.tooLarge', { size: megabytes(MAX_BYTES) }))
          if (isApiError(error) && error.fieldErrors.length > 0) return setRejection(error.fieldErrors.map((e) => e.message).join(' · '))
          setRejection(errorMessage(error, t))
        },
      },
    )
  }

  const onReject = (rejections: FileRejection[]) => {
    const code = rejections[0]?.errors[0]?.code
    setRejection(code === 'file-too-large' ? t('imports.tooLarge', { size: megabytes(MAX_BYTES) }) : t('imports.wrongType'))
  }

  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('imports.templateTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('imports.templateText')}
        </Text>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => downloadTemplate('xlsx')} loading={template.isPending && template.variables === 'xlsx'}>
            {t('imports.templateXlsx')}
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => downloadTemplate('csv')} loading={template.isPending && template.variables === 'csv'}>
            {t('imports.templateCsv')}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('imports.fileTitle')}
        </Title>
        <Stack>
          <UnionSelect
            label={t('imports.defaultUnion')}
            description={t('imports.defaultUnionHint')}
            placeholder={t('pickers.grassrootsPlaceholder')}
            grassrootsOnly
            value={unionId}
            onChange={onUnionChange}
            maw={640}
          />
          <Dropzone
            onDrop={onDrop}
            onReject={onReject}
            maxSize={MAX_BYTES}
            accept={ACCEPT}
            multiple={false}
            loading={upload.isPending}
            aria-label={t('imports.dropLabel')}
            data-testid="import-dropzone"
          >
            <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: 'none' }}>
              <Dropzone.Accept>
                <IconUpload size={48} stroke={1.5} />
              </Dropzone.Accept>
              <Dropzone.Reject>
                <IconX size={48} stroke={1.5} />
              </Dropzone.Reject>
              <Dropzone.Idle>
                <IconFileSpreadsheet size={48} stroke={1.5} />
              </Dropzone.Idle>
              <div>
                <Text size="lg">{t('imports.dropTitle')}</Text>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('imports.dropHint', { size: megabytes(MAX_BYTES) })}
                </Text>
              </div>
            </Group>
          </Dropzone>
          {rejection && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert" data-testid="import-rejection">
              {rejection}
            </Alert>
          )}
        </Stack>
      </Card>
    </Stack>
  )
}

function JobView({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t } = useTranslation()
  const commit = useCommitImport(job.id)
  // One key per job (the view is keyed on it): a double click or a retry after a lost answer commits once.
  const [commitKey] = useState(() => randomKey())
  const runCommit = () => commit.mutate(commitKey, { onError: (error) => notifyError(error, t) })

  if (importIsRunning(job)) {
    const percent = job.totalRows > 0 ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0
    return (
      <Card withBorder data-testid="import-progress">
        <Text fw={600} mb="xs">
          {job.status === 'validating' ? t('imports.validating', { file: job.fileName }) : t('imports.committing')}
        </Text>
        <Progress value={job.totalRows > 0 ? percent : 100} animated striped size="lg" aria-label={t('imports.progressLabel')} />
        <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
          {job.totalRows > 0
            ? t('imports.progress', { done: formatNumber(job.processedRows), total: formatNumber(job.totalRows), percent })
            : t('imports.reading')}
        </Text>
      </Card>
    )
  }

  if (job.status === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('imports.failedTitle')} role="alert">
        <Stack gap="sm">
          <Text size="sm">{job.failure ?? t('errors.generic')}</Text>
          <Group>
            <Button size="xs" color="red" leftSection={<IconRefresh size={14} />} onClick={onRestart}>
              {t('imports.uploadAgain')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    )
  }

  if (job.status === 'committed') return <ImportResult job={job} onRestart={onRestart} />

  return (
    <Stack>
      <ImportCounts job={job} />
      {job.status === 'invalid' ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={t('imports.invalidTitle', { count: job.errorCount })} data-testid="import-invalid">
          <Stack gap="sm">
            <Text size="sm">{t('imports.invalidText')}</Text>
            <Group>
              <Button size="xs" color="red" leftSection={<IconRefresh size={14} />} onClick={onRestart}>
                {t('imports.uploadAgain')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCheck />} title={t('imports.validTitle')} data-testid="import-valid">
          <Stack gap="sm">
            <Text size="sm">{t('imports.validText', { count: job.newRows, formattedCount: formatNumber(job.newRows) })}</Text>
            <Group>
              <Button onClick={runCommit} loading={commit.isPending} disabled={commit.isSuccess} data-testid="import-commit">
                {t('imports.commit')}
              </Button>
              <Button variant="default" onClick={onRestart}>
                {t('imports.chooseAnother')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {job.errorCount > 0 && <ImportErrorTable jobId={job.id} />}
    </Stack>
  )
}

function ImportCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation()
  const tiles = [
    { label: t('imports.totalRows'), value: job.totalRows, color: undefined },
    { label: t('imports.newRows'), value: job.newRows, color: 'teal' },
    { label: t('imports.existingRows'), value: job.existingRows, color: 'blue' },
    { label: t('imports.errorCount'), value: job.errorCount, color: job.errorCount > 0 ? 'red' : undefined },
  ]
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed" mb="sm">
        {t('imports.fileLine', { file: job.fileName, size: megabytes(job.fileSize) })}
        {job.defaultUnion ? ` · ${t('imports.defaultUnionLine', { name: job.defaultUnion.name })}` : ''}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="import-counts">
        {tiles.map((tile) => (
          <div key={tile.label}>
            <Text size="xs" c="dimmed" fw={500}>
              {tile.label}
            </Text>
            <Text size="xl" fw={700} c={tile.color}>
              {formatNumber(tile.value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  )
}

function ImportResult({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t } = useTranslation()
  const listLink = job.defaultUnion
    ? `${paths.members}?${memberFiltersToParams({ under: job.defaultUnion.id }).toString()}`
    : paths.members
  return (
    <Stack>
      <Card withBorder data-testid="import-result">
        <Group gap="sm" mb="sm">
          <ThemeIcon color="teal" radius="xl">
            <IconCheck size={16} />
          </ThemeIcon>
          <Title order={3} size="h4">
            {t('imports.committedTitle')}
          </Title>
        </Group>
        <Text>{t('imports.committedText', { created: formatNumber(job.newRows), existing: formatNumber(job.existingRows) })}</Text>
        {job.committedAt && (
          <Text size="sm" c="dimmed">
            {t('imports.committedAt', { at: formatDateTime(job.committedAt) })}
          </Text>
        )}
        <Group mt="md">
          <Button component={Link} to={listLink}>
            {job.defaultUnion ? t('imports.viewUnionMembers', { name: job.defaultUnion.name }) : t('imports.viewMembers')}
          </Button>
          <Button variant="default" onClick={onRestart}>
            {t('imports.importAnother')}
          </Button>
        </Group>
      </Card>
    </Stack>
  )
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024)
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: value < 1 ? 2 : 1 }).format(value)} MB`
}
