import { useState } from 'react'
import { Anchor, Button, Card, Grid, Group, List, SimpleGrid, Tabs, Text, Title } from '@mantine/core'
import { IconPencil, IconUserHeart } from '@tabler/icons-react'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SupportProgram } from '@liendoan/contracts'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatDate } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useProgram } from './api/get-program'
import { useRunsProgram } from './api/runs-program'
import { CandidatesTab } from './candidates-tab'
import { LedgerTab } from './ledger-tab'
import { canEditProgram, canPropose } from './payment-actions'
import { ProgramFiguresCard } from './program-figures'
import { ProgramPaymentsTab } from './program-payments-tab'
import { HardshipProposalModal } from './propose-modals'
import { ProgramReportTab } from './program-report-tab'
import { candidateKinds, ruleSentences } from './rule-sentences'
import { programTabFromParams, withParam, type ProgramTab } from './support-filters'
import { ProgramStatusBadge } from './support-labels'
import { DetailField, DetailSkeleton } from '../../components/detail-field'

export function ProgramDetailPage() {
  const { id = '' } = useParams()
  const query = useProgram(id)
  if (query.isPending) return <DetailSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  return <ProgramDetail program={query.data.program} />
}

function ProgramDetail({ program }: { program: SupportProgram }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const runs = useRunsProgram(program.union.id)
  const [params, setParams] = useSearchParams()
  const [hardship, setHardship] = useState(false)
  const proposer = canPropose(user, program)
  const hasCandidates = candidateKinds(program.rules).length > 0
  const tab: ProgramTab = programTabFromParams(params, hasCandidates)

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.supportPrograms} size="sm">
            {t('support.backToList')}
          </Anchor>
        }
        title={
          <Group gap="sm" component="span">
            <span>{program.name}</span>
            <ProgramStatusBadge status={program.status} />
          </Group>
        }
        actions={
          <>
            {proposer && program.rules.hardship && (
              <Button leftSection={<IconUserHeart size={16} />} onClick={() => setHardship(true)} data-testid="propose-hardship">
                {t('support.hardship.open')}
              </Button>
            )}
            {canEditProgram(user, runs.data) && (
              <Button component={Link} to={paths.supportProgramEdit(program.id)} variant="default" leftSection={<IconPencil size={16} />}>
                {t('app.edit')}
              </Button>
            )}
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ProgramInfo program={program} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ProgramFiguresCard figures={program.figures} />
        </Grid.Col>
      </Grid>
      <Tabs
        mt="lg"
        value={tab}
        keepMounted={false}
        onChange={(value) => setParams((current) => withParam(current, 'tab', value), { replace: true })}
      >
        <Tabs.List>
          {hasCandidates && <Tabs.Tab value="candidates">{t('support.tabs.candidates')}</Tabs.Tab>}
          <Tabs.Tab value="payments">{t('support.tabs.payments')}</Tabs.Tab>
          <Tabs.Tab value="ledger">{t('support.tabs.ledger')}</Tabs.Tab>
          <Tabs.Tab value="report">{t('support.tabs.report')}</Tabs.Tab>
        </Tabs.List>
        {hasCandidates && (
          <Tabs.Panel value="candidates" pt="md">
            <CandidatesTab program={program} canPropose={proposer} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="payments" pt="md">
          <ProgramPaymentsTab program={program} runsProgram={runs.data ?? null} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="md">
          <LedgerTab programId={program.id} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <ProgramReportTab program={program} />
        </Tabs.Panel>
      </Tabs>
      {hardship && <HardshipProposalModal program={program} onClose={() => setHardship(false)} />}
    </>
  )
}

function ProgramInfo({ program }: { program: SupportProgram }) {
  const { t } = useTranslation()
  return (
    <Card withBorder h="100%">
      <Title order={3} size="h5" mb="sm">
        {t('support.infoSection')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        <DetailField
          label={t('support.fields.legalBasis')}
          value={t('support.decisionLine', { number: program.decisionNumber, date: formatDate(program.decisionDate) })}
          testId="field-decision"
        />
        <DetailField label={t('support.fields.period')} value={`${formatDate(program.periodFrom)} – ${formatDate(program.periodTo)}`} testId="field-period" />
        <DetailField
          label={t('support.fields.union')}
          value={
            <Anchor component={Link} to={paths.union(program.union.id)}>
              {program.union.name}
            </Anchor>
          }
          testId="field-union"
        />
        {program.description && <DetailField label={t('support.fields.description')} value={program.description} />}
      </SimpleGrid>
      <Text size="xs" c="dimmed" fw={500} mt="md">
        {t('support.fields.rules')}
      </Text>
      <List size="sm" spacing={4} mt={4} data-testid="program-rules">
        {ruleSentences(program.rules).map((sentence, index) => (
          <List.Item key={index}>{t(sentence.key, sentence.values)}</List.Item>
        ))}
      </List>
    </Card>
  )
}

