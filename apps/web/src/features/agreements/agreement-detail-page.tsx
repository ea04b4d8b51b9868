import { useState, type ReactNode } from 'react'
import { Alert, Anchor, Button, Card, Grid, Group, SimpleGrid, Tabs, Title } from '@mantine/core'
import { IconClock, IconPencil } from '@tabler/icons-react'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '@liendoan/contracts'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatDate, formatNumber, todayIso } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAgreement } from './api/get-agreement'
import { AgreementActionModal, type ModalAction } from './agreement-actions'
import { AgreementDocumentsTab } from './agreement-documents-tab'
import { AgreementStatusBadge, GradeBadge } from './agreement-labels'
import { availableActions, waitingForEffectiveDate } from './agreement-rules'
import { AgreementTermsCard } from './agreement-terms'
import { AgreementTimeline } from './agreement-timeline'
import { DetailField, DetailSkeleton } from '../../components/detail-field'

const TABS = ['documents', 'timeline'] as const

/**
 * A tab another module adds to the agreement page (e.g. the support payments made for it). The
 * router composes it in, so this feature does not import the other one.
 */
export interface AgreementTab {
  value: string
  label: ReactNode
  render: (agreement: Agreement) => ReactNode
}

export function AgreementDetailPage({ extraTabs = [] }: { extraTabs?: readonly AgreementTab[] }) {
  const { id = '' } = useParams()
  const query = useAgreement(id)
  if (query.isPending) return <DetailSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  return <AgreementDetail agreement={query.data.agreement} extraTabs={extraTabs} />
}

function AgreementDetail({ agreement, extraTabs }: { agreement: Agreement; extraTabs: readonly AgreementTab[] }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const today = todayIso()
  const actions = availableActions(agreement, user.role, today)
  const [open, setOpen] = useState<ModalAction | null>(null)
  const [params, setParams] = useSearchParams()
  const tabParam = params.get('tab')
  const tab: string = [...TABS, ...extraTabs.map((extra) => extra.value)].find((value) => value === tabParam) ?? 'documents'
  const modalActions = actions.filter((action): action is ModalAction => action !== 'edit' && action !== 'documents')

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.agreements} size="sm">
            {t('agreementDetail.backToList')}
          </Anchor>
        }
        title={
          <Group gap="sm" component="span">
            <span>{agreement.title}</span>
            <AgreementStatusBadge status={agreement.status} />
            {agreement.grade && <GradeBadge code={agreement.grade.code} name={agreement.grade.name} />}
          </Group>
        }
        actions={
          <>
            {modalActions.map((action) => (
              <Button
                key={action}
                variant={action === 'terminate' || action === 'renew' ? 'default' : 'filled'}
                color={action === 'terminate' ? 'red' : undefined}
                onClick={() => setOpen(action)}
                data-testid={`action-${action}`}
              >
                {action === 'grade' && agreement.grade ? t('agreementDetail.actions.regrade') : t(`agreementDetail.actions.${action}`)}
              </Button>
            ))}
            {actions.includes('edit') && (
              <Button component={Link} to={paths.agreementEdit(agreement.id)} variant="default" leftSection={<IconPencil size={16} />}>
                {t('agreementDetail.actions.edit')}
              </Button>
            )}
          </>
        }
      />
      {waitingForEffectiveDate(agreement, today) && (
        <Alert color="blue" icon={<IconClock />} mb="md" p="xs">
          {t('agreementDetail.waitingForEffective', { date: formatDate(agreement.effectiveOn) })}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <AgreementInfo agreement={agreement} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <AgreementTermsCard terms={agreement.terms} favourableTerms={agreement.favourableTerms} />
        </Grid.Col>
      </Grid>
      <Tabs
        mt="lg"
        value={tab}
        keepMounted={false}
        onChange={(value) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current)
              next.set('tab', value ?? 'documents')
              return next
            },
            { replace: true },
          )
        }
      >
        <Tabs.List>
          <Tabs.Tab value="documents">
            {t('agreementDetail.documents')} ({formatNumber(agreement.documentCount)})
          </Tabs.Tab>
          <Tabs.Tab value="timeline">{t('agreementDetail.timeline')}</Tabs.Tab>
          {extraTabs.map((extra) => (
            <Tabs.Tab key={extra.value} value={extra.value}>
              {extra.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="documents" pt="md">
          <AgreementDocumentsTab agreement={agreement} canManage={actions.includes('documents')} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <AgreementTimeline agreementId={agreement.id} />
        </Tabs.Panel>
        {extraTabs.map((extra) => (
          <Tabs.Panel key={extra.value} value={extra.value} pt="md">
            {extra.render(agreement)}
          </Tabs.Panel>
        ))}
      </Tabs>
      {open && <AgreementActionModal agreement={agreement} action={open} onClose={() => setOpen(null)} />}
    </>
  )
}

function AgreementInfo({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation()
  const ended = agreement.status === 'terminated' || agreement.status === 'replaced'
  return (
    <Card withBorder h="100%">
      <Title order={3} size="h5" mb="sm">
        {t('agreementDetail.infoSection')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        <DetailField
          label={t('agreement.fields.union')}
          value={
            <Anchor component={Link} to={paths.union(agreement.union.id)}>
              {agreement.union.name}
            </Anchor>
          }
          testId="field-union"
        />
        <DetailField label={t('agreement.fields.sector')} value={agreement.union.sector && t(`union.sectors.${agreement.union.sector}`)} />
        <DetailField
          label={t('agreement.fields.employerName')}
          value={agreement.employerTaxCode ? `${agreement.employerName} (${agreement.employerTaxCode})` : agreement.employerName}
        />
        <DetailField label={t('agreement.fields.workersCovered')} value={formatNumber(agreement.workersCovered)} testId="field-workers" />
        <DetailField label={t('agreement.fields.signedOn')} value={agreement.signedOn && formatDate(agreement.signedOn)} testId="field-signed" />
        <DetailField
          label={t('agreement.fields.term')}
          value={agreement.effectiveOn && agreement.expiresOn ? `${formatDate(agreement.effectiveOn)} – ${formatDate(agreement.expiresOn)}` : null}
          testId="field-term"
        />
        {(agreement.registeredOn || agreement.registrationNumber) && (
          <DetailField
            label={t('agreement.fields.registeredOn')}
            value={[formatDate(agreement.registeredOn), agreement.registrationNumber].filter(Boolean).join(' · ')}
            testId="field-registered"
          />
        )}
        {agreement.inForceOn && <DetailField label={t('agreement.fields.inForceOn')} value={formatDate(agreement.inForceOn)} testId="field-in-force" />}
        {ended && <DetailField label={t('agreement.fields.endedOn')} value={agreement.endedOn && formatDate(agreement.endedOn)} />}
        {agreement.endReason && <DetailField label={t('agreement.fields.endReason')} value={agreement.endReason} />}
        <DetailField
          label={t('agreement.fields.grade')}
          value={
            agreement.grade
              ? t('agreementDetail.gradedLine', {
                  grade: agreement.grade.name,
                  date: formatDate(agreement.grade.assessedOn),
                  name: agreement.grade.assessedBy.name,
                })
              : t('agreement.ungraded')
          }
          testId="field-grade"
        />
        {agreement.grade?.note && <DetailField label={t('agreement.fields.gradeNote')} value={agreement.grade.note} />}
        {agreement.replaces && (
          <DetailField
            label={t('agreement.fields.replaces')}
            value={
              <Anchor component={Link} to={paths.agreement(agreement.replaces.id)}>
                {agreement.replaces.title}
              </Anchor>
            }
            testId="field-replaces"
          />
        )}
        {agreement.replacedBy && (
          <DetailField
            label={t('agreement.fields.replacedBy')}
            value={
              <Anchor component={Link} to={paths.agreement(agreement.replacedBy.id)}>
                {agreement.replacedBy.title}
              </Anchor>
            }
            testId="field-replaced-by"
          />
        )}
        {agreement.notes && <DetailField label={t('agreement.fields.notes')} value={agreement.notes} />}
      </SimpleGrid>
    </Card>
  )
}

