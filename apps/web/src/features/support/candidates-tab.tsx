import { useMemo, useState } from 'react'
import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle, IconInfoCircle, IconSend } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SupportCandidate, SupportProgram } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { formatMoney, formatNumber } from '../../lib/format'
import { randomKey } from '../../lib/ids'
import { notifyFailure, notifySuccess } from '../../lib/notify'
import { paths } from '../../app/paths'
import { useCandidates } from './api/list-candidates'
import { useProposeBulk } from './api/propose-bulk'
import type { CandidateFilters } from './api/support-keys'
import { bulkBody, bulkSelectable, candidateKey, toggleAll } from './candidate-selection'
import { sumVnd } from './money'
import { OrganiserProposalModal } from './propose-modals'
import { candidateKinds } from './rule-sentences'
import { checkSelection } from './support-figures'
import { supportErrorMessage } from './support-errors'
import { useRoleLabel } from './support-labels'

type KindFilter = 'all' | 'agreement' | 'union_founding'

/**
 * The records that qualify under the programme and are not paid yet, with the amount the rule
 * gives. The person ticks the ones to propose and proposes them in one request (all or nothing);
 * organisers' payments, which need the officer's account, are proposed one by one.
 */
export function CandidatesTab({ program, canPropose }: { program: SupportProgram; canPropose: boolean }) {
  const { t } = useTranslation()
  const kinds = candidateKinds(program.rules)
  const [kind, setKind] = useState<KindFilter>('all')
  const [under, setUnder] = useState<string | null>(null)
  const filters: CandidateFilters = { ...(kind !== 'all' ? { kind } : {}), ...(under ? { under } : {}) }
  const list = useCandidates(program.id, filters)
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const [selection, setSelection] = useState<Map<string, SupportCandidate>>(new Map())
  const [confirming, setConfirming] = useState(false)
  const [organiser, setOrganiser] = useState<SupportCandidate | null>(null)
  const hasOrganisers = !!program.rules.newUnion && program.rules.newUnion.organiserAmountVnd !== null

  const selectable = items.filter(bulkSelectable)
  const shownSelected = selectable.filter((candidate) => selection.has(candidateKey(candidate))).length
  const toggle = (candidate: SupportCandidate) =>
    setSelection((current) => {
      const next = new Map(current)
      const key = candidateKey(candidate)
      if (next.has(key)) next.delete(key)
      else next.set(key, candidate)
      return next
    })

  return (
    <Stack data-testid="candidates-tab">
      <Card withBorder>
        <Grid gutter="sm" align="flex-end">
          {kinds.length > 1 && (
            <Grid.Col span={{ base: 12, md: 'content' }}>
              <Text size="sm" fw={500} mb={4} id="candidate-kind-label">
                {t('support.candidates.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="candidate-kind-label"
                value={kind}
                onChange={(value) => setKind(value === 'agreement' || value === 'union_founding' ? value : 'all')}
                data={[
                  { value: 'all', label: t('support.candidates.kindAll') },
                  { value: 'agreement', label: t('support.reasonKinds.agreement') },
                  { value: 'union_founding', label: t('support.reasonKinds.union_founding') },
                ]}
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, md: 6 }}>
            <UnionSelect label={t('support.candidates.under')} placeholder={t('support.candidates.anyUnion')} value={under} onChange={setUnder} />
          </Grid.Col>
        </Grid>
        {hasOrganisers && canPropose && (
          <Alert color="blue" icon={<IconInfoCircle />} p="xs" mt="sm">
            {t('support.candidates.organiserHint')}
          </Alert>
        )}
        {!canPropose && (
          <Text size="sm" c="dimmed" mt="sm">
            {program.status === 'closed' ? t('support.candidates.closed') : t('support.candidates.readOnly')}
          </Text>
        )}
      </Card>

      {canPropose && (
        <SelectionBar
          program={program}
          selected={[...selection.values()]}
          onClear={() => setSelection(new Map())}
          onPropose={() => setConfirming(true)}
        />
      )}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={980}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  {canPropose && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('support.candidates.selectAll')}
                        checked={selectable.length > 0 && shownSelected === selectable.length}
                        indeterminate={shownSelected > 0 && shownSelected < selectable.length}
                        disabled={selectable.length === 0}
                        onChange={() => setSelection((current) => toggleAll(current, items))}
                        data-testid="select-all-candidates"
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('support.fields.reason')}</Table.Th>
                  <Table.Th>{t('support.fields.beneficiary')}</Table.Th>
                  <Table.Th>{t('support.fields.basis')}</Table.Th>
                  <Table.Th ta="right">{t('support.fields.ruleAmount')}</Table.Th>
                  {canPropose && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="candidate-rows">
                {list.isPending ? (
                  <SkeletonRows rows={5} columns={canPropose ? 6 : 4} />
                ) : (
                  items.map((candidate) => (
                    <CandidateRow
                      key={candidateKey(candidate)}
                      candidate={candidate}
                      canPropose={canPropose}
                      selected={selection.has(candidateKey(candidate))}
                      onToggle={() => toggle(candidate)}
                      onProposeOrganiser={() => setOrganiser(candidate)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('support.candidates.shownCount', counted)}
            empty={<EmptyState title={t('support.candidates.emptyTitle')} text={t('support.candidates.emptyText')} />}
          />
        </Card>
      )}

      {confirming && (
        <ConfirmBulk
          program={program}
          selected={[...selection.values()]}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false)
            setSelection(new Map())
          }}
        />
      )}
      {organiser && <OrganiserProposalModal program={program} candidate={organiser} onClose={() => setOrganiser(null)} />}
    </Stack>
  )
}

function CandidateRow({
  candidate,
  canPropose,
  selected,
  onToggle,
  onProposeOrganiser,
}: {
  candidate: SupportCandidate
  canPropose: boolean
  selected: boolean
  onToggle: () => void
  onProposeOrganiser: () => void
}) {
  const { t } = useTranslation()
  const roleLabel = useRoleLabel()
  const selectable = bulkSelectable(candidate)
  const reasonLink = candidate.reason.kind === 'agreement' ? paths.agreement(candidate.reason.id) : paths.union(candidate.reason.id)
  return (
    <Table.Tr data-reason={candidate.reason.id} data-role={candidate.role} data-amount={candidate.amountVnd} data-testid="candidate-row">
      {canPropose && (
        <Table.Td>
          {selectable && (
            <Checkbox
              aria-label={t('support.candidates.select', { name: candidate.reason.label })}
              checked={selected}
              onChange={onToggle}
              data-testid="candidate-check"
            />
          )}
        </Table.Td>
      )}
      <Table.Td maw={420}>
        <Anchor component={Link} to={reasonLink} size="sm" fw={500}>
          {candidate.reason.label}
        </Anchor>
        {candidate.beneficiary?.id !== candidate.union.id && (
          <Text size="xs" c="dimmed">
            {candidate.union.name} ({candidate.union.code})
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{candidate.beneficiary?.name ?? t('support.candidates.organiserToName')}</Text>
        <Text size="xs" c="dimmed">
          {roleLabel(candidate.role)}
          {candidate.beneficiary?.kind === 'union' ? ` · ${candidate.union.code}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="candidate-basis">
          {candidate.basis}
        </Text>
      </Table.Td>
      <Table.Td ta="right" className="nowrap" fw={500}>
        {formatMoney(candidate.amountVnd)}
      </Table.Td>
      {canPropose && (
        <Table.Td>
          {!selectable && candidate.role === 'organiser' && (
            <Button size="compact-sm" variant="light" onClick={onProposeOrganiser}>
              {t('support.candidates.proposeOne')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  )
}

function SelectionBar({
  program,
  selected,
  onClear,
  onPropose,
}: {
  program: SupportProgram
  selected: SupportCandidate[]
  onClear: () => void
  onPropose: () => void
}) {
  const { t } = useTranslation()
  const check = checkSelection(
    selected.map((candidate) => candidate.amountVnd),
    program.figures,
  )
  return (
    <Card withBorder p="sm" bg={selected.length > 0 ? 'var(--mantine-color-blue-light)' : undefined} data-testid="candidate-selection">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" aria-live="polite" data-testid="selection-summary" data-count={selected.length} data-total={check.totalVnd}>
          {selected.length === 0
            ? t('support.candidates.noneSelected')
            : t('support.candidates.selected', { count: selected.length, formattedCount: formatNumber(selected.length), total: formatMoney(check.totalVnd) })}
        </Text>
        <Group gap="xs">
          {selected.length > 0 && (
            <Button variant="subtle" size="sm" onClick={onClear}>
              {t('support.candidates.clear')}
            </Button>
          )}
          <Button leftSection={<IconSend size={16} />} disabled={selected.length === 0} onClick={onPropose} data-testid="propose-selected">
            {t('support.candidates.propose')}
          </Button>
        </Group>
      </Group>
      {selected.length > 0 && !check.fits && (
        <Alert color="yellow" icon={<IconAlertTriangle />} p="xs" mt="xs" role="status">
          {t('support.candidates.overBudget', { remaining: formatMoney(program.figures.remainingVnd), waiting: formatMoney(program.figures.proposedVnd) })}
        </Alert>
      )}
    </Card>
  )
}

/** The last look before proposing: how many, how much, and one request for all of them. */
function ConfirmBulk({ program, selected, onClose, onDone }: { program: SupportProgram; selected: SupportCandidate[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation()
  const propose = useProposeBulk()
  // One key per confirmed selection: a double click or a retry after a lost answer proposes once.
  const [key, setKey] = useState(() => randomKey())
  const total = sumVnd(selected.map((candidate) => candidate.amountVnd))
  return (
    <Modal opened onClose={onClose} title={t('support.candidates.confirmTitle')}>
      <Stack>
        <Text size="sm">{t('support.candidates.confirmText', { count: selected.length, formattedCount: formatNumber(selected.length), total: formatMoney(total) })}</Text>
        <Text size="sm" c="dimmed">
          {t('support.candidates.confirmHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button
            loading={propose.isPending}
            data-autofocus
            data-testid="confirm-propose"
            onClick={() =>
              propose.mutate(
                { body: bulkBody(program.id, selected), key },
                {
                  onSuccess: (result) => {
                    notifySuccess(
                      t('support.candidates.proposed', {
                        count: result.items.length,
                        formattedCount: formatNumber(result.items.length),
                        total: formatMoney(sumVnd(result.items.map((payment) => payment.amountVnd))),
                      }),
                    )
                    onDone()
                  },
                  onError: (error) => {
                    // A lost answer is retried with the same key (replayed, never doubled); a refusal is a new request.
                    if (!isApiError(error) || error.status !== 0) setKey(randomKey())
                    notifyFailure(supportErrorMessage(error, t), t)
                  },
                },
              )
            }
          >
            {t('support.candidates.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
