import { useState } from 'react'
import { Anchor, Button, Card, Grid, Group, Radio, Stack, Table, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQueryClient } from '@tanstack/react-query'
import { IconPlus } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { AppointOfficerBody, Employments, type Employment, type OfficerTerm, type Union } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { MemberPicker } from '../../components/member-picker'
import { OfficerPositionSelect } from '../../components/officer-position-select'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAppointOfficer } from './api/appoint-officer'
import { useUnionOfficers } from './api/get-union-officers'
import { officerKeys } from './api/officer-keys'
import { EndTermModal } from './end-term-modal'

/**
 * The "Cán bộ" tab of a union: who holds which position now, past terms, and the
 * appointment of a member to a position. The router composes it into the union
 * page, so the unions feature does not depend on this one.
 */
export function UnionOfficersTab({ union }: { union: Union }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [appointing, setAppointing] = useState(false)
  const canManage = can(user, 'officer.manage') && union.status === 'active'
  return (
    <Stack data-testid="union-officers">
      {canManage && !appointing && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAppointing(true)}>
            {t('officers.appoint')}
          </Button>
        </Group>
      )}
      {canManage && appointing && <AppointForm union={union} onDone={() => setAppointing(false)} />}
      <TermsTable union={union} current canManage={canManage} />
      <TermsTable union={union} current={false} canManage={false} />
    </Stack>
  )
}

function TermsTable({ union, current, canManage }: { union: Union; current: boolean; canManage: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const terms = useUnionOfficers(union.id, current)
  const [ending, setEnding] = useState<OfficerTerm | null>(null)
  const items = terms.data?.pages.flatMap((page) => page.items) ?? []
  const columns = current ? 6 : 7

  return (
    <Card withBorder p={0}>
      <Title order={3} size="h5" p="sm">
        {current ? t('officers.currentTitle') : t('officers.pastTitle')}
      </Title>
      {terms.isError ? (
        <QueryError error={terms.error} onRetry={() => void terms.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('officers.position')}</Table.Th>
                  <Table.Th>{t('officers.member')}</Table.Th>
                  <Table.Th>{t('officers.term')}</Table.Th>
                  <Table.Th>{t('officers.startedOn')}</Table.Th>
                  {!current && <Table.Th>{t('officers.endedOn')}</Table.Th>}
                  <Table.Th>{t('officers.employment')}</Table.Th>
                  <Table.Th>{current ? '' : t('officers.endReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {terms.isPending ? (
                  <SkeletonRows rows={2} columns={columns} />
                ) : (
                  items.map((term) => (
                    <Table.Tr key={term.id}>
                      <Table.Td fw={500}>{term.position.name}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={paths.member(term.memberId)}>
                          {term.memberName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{term.termLabel ?? t('app.none')}</Table.Td>
                      <Table.Td>{formatDate(term.startedOn)}</Table.Td>
                      {!current && <Table.Td>{formatDate(term.endedOn)}</Table.Td>}
                      <Table.Td>{t(`officers.employments.${term.employment}`)}</Table.Td>
                      <Table.Td>
                        {current ? (
                          canManage && (
                            <Button size="xs" variant="light" color="red" onClick={() => setEnding(term)}>
                              {t('officers.endTerm')}
                            </Button>
                          )
                        ) : (
                          (term.endReason ?? t('app.none'))
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!terms.isPending && items.length === 0 && <EmptyState text={current ? t('officers.noCurrent') : t('officers.noPast')} />}
          {terms.hasNextPage && (
            <Group p="sm">
              <Button variant="light" size="xs" onClick={() => void terms.fetchNextPage()} loading={terms.isFetchingNextPage}>
                {t('app.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
      {ending && (
        <EndTermModal
          term={ending}
          onClose={() => setEnding(null)}
          onStale={() => void queryClient.invalidateQueries({ queryKey: officerKeys.all })}
        />
      )}
    </Card>
  )
}

interface AppointValues {
  memberId: string | null
  positionId: string | null
  startedOn: string | null
  termLabel: string
  employment: Employment
}
const APPOINT_FIELDS = ['memberId', 'positionId', 'startedOn', 'termLabel', 'employment']

function AppointForm({ union, onDone }: { union: Union; onDone: () => void }) {
  const { t } = useTranslation()
  const appoint = useAppointOfficer(union.id)
  // Almost every grassroots officer is part-time (DOMAIN.md: 65,440 of 65,749 in Hanoi).
  const form = useForm<AppointValues>({
    initialValues: { memberId: null, positionId: null, startedOn: todayIso(), termLabel: '', employment: 'part_time' },
  })
  // A grassroots union's officers are its own members; an upper-level union's come from its subtree.
  const scope = union.unitType.isGrassroots ? { unionId: union.id, status: 'active' as const } : { under: union.id, status: 'active' as const }

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const termLabel = values.termLabel.trim().replace(/\s*[–-]\s*/, '–')
          const body = {
            ...(values.memberId ? { memberId: values.memberId } : {}),
            ...(values.positionId ? { positionId: values.positionId } : {}),
            ...(values.startedOn ? { startedOn: values.startedOn } : {}),
            ...(termLabel ? { termLabel } : {}),
            employment: values.employment,
          }
          const checked = checkBody(AppointOfficerBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          appoint.mutate(checked.value, {
            onSuccess: (term) => {
              notifySuccess(t('officers.appointed', { name: term.memberName, position: term.position.name }))
              onDone()
            },
            onError: (error) => {
              // The API explains this 409 in English only: the position is taken (one holder at a
              // time, e.g. the chairperson) or this member already holds it here.
              if (isApiError(error) && error.status === 409 && error.code === 'conflict') {
                return form.setErrors({ positionId: t('officers.appointConflict') })
              }
              if (isApiError(error) && error.fieldErrors.length > 0) {
                const rest = applyProblemToForm(error.fieldErrors, APPOINT_FIELDS, form.setErrors, currentLanguage())
                if (Object.keys(rest).length === 0) return
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Title order={3} size="h5" mb="sm">
          {t('officers.appointTitle', { union: union.name })}
        </Title>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <MemberPicker
              label={t('officers.member')}
              required
              autoFocus
              scope={scope}
              value={form.values.memberId}
              onChange={(id) => form.setFieldValue('memberId', id)}
              error={form.errors.memberId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <OfficerPositionSelect valueKind="id" label={t('officers.position')} required {...form.getInputProps('positionId')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <DateField label={t('officers.startedOn')} required {...form.getInputProps('startedOn')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('officers.term')} placeholder="2023–2028" maxLength={11} {...form.getInputProps('termLabel')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Radio.Group label={t('officers.employment')} required {...form.getInputProps('employment')}>
              <Group gap="md" mt={8}>
                {Employments.map((employment) => (
                  <Radio key={employment} value={employment} label={t(`officers.employments.${employment}`)} />
                ))}
              </Group>
            </Radio.Group>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={appoint.isPending}>
            {t('officers.appoint')}
          </Button>
        </Group>
      </form>
    </Card>
  )
}

/** The tab as the union page takes it: composed in the router, so neither feature imports the other. */
export const unionOfficersTab = {
  value: 'officers',
  label: <OfficersTabLabel />,
  render: (union: Union) => <UnionOfficersTab union={union} />,
}

function OfficersTabLabel() {
  const { t } = useTranslation()
  return <>{t('officers.tab')}</>
}
