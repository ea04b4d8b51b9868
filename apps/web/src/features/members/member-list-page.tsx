import { useMemo } from 'react'
import { Anchor, Badge, Button, Card, Grid, Menu, NumberInput, Select, Table } from '@mantine/core'
import { IconChevronDown, IconDownload, IconFileImport, IconInbox, IconUserPlus } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { CardStatuses, Genders, MemberStatuses, type SpreadsheetFormat } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { PagedListEnd } from '../../components/list-footer'
import { EmptyState } from '../../components/empty-state'
import { OfficerPositionSelect } from '../../components/officer-position-select'
import { SearchBox } from '../../components/search-box'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { ClearFiltersButton } from '../../components/clear-filters-button'
import { fileSafeName, saveBlob } from '../../lib/download'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useExportMembers } from './api/export-members'
import { useMemberList } from './api/list-members'
import { usePendingIncomingCount } from './api/list-transfers'
import { MEMBER_FILTER_KEYS, memberFiltersFromParams, withMemberFilter, type MemberFilterKey } from './member-filters'
import { CardStatusBadge, MemberStatusBadge } from './member-labels'

/** Members in the person's scope: search without diacritics, filters kept in the URL, export of what is shown. */
export function MemberListPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => memberFiltersFromParams(params), [params])
  const list = useMemberList(filters)
  const exporter = useExportMembers()


  const setFilter = (key: MemberFilterKey, value: string | number | null) =>
    setParams((current) => withMemberFilter(current, key, value), { replace: true })

  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const hasFilters = MEMBER_FILTER_KEYS.some((key) => params.has(key))
  const canWrite = can(user, 'member.write')

  const runExport = (format: SpreadsheetFormat) =>
    exporter.mutate(
      { filters, format },
      {
        onSuccess: ({ blob, fileName }) =>
          saveBlob(blob, fileName ?? `${fileSafeName(t('members.exportFileName'))}-${todayIso()}.${format}`),
        onError: (error) => notifyError(error, t),
      },
    )

  return (
    <>
      <PageHeader
        title={t('members.listTitle')}
        actions={
          <>
            <TransfersInboxLink />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                  loading={exporter.isPending}
                  disabled={items.length === 0}
                >
                  {t('members.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('members.exportHint')}</Menu.Label>
                <Menu.Item onClick={() => runExport('xlsx')}>{t('sheets.xlsx')}</Menu.Item>
                <Menu.Item onClick={() => runExport('csv')}>{t('sheets.csv')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {can(user, 'member.import') && (
              <Button component={Link} to={paths.memberImport} variant="light" leftSection={<IconFileImport size={16} />}>
                {t('members.import')}
              </Button>
            )}
            {canWrite && (
              <Button
                component={Link}
                to={filters.unionId ? `${paths.memberNew}?unionId=${encodeURIComponent(filters.unionId)}` : paths.memberNew}
                leftSection={<IconUserPlus size={16} />}
              >
                {t('members.admit')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('members.filtersLabel')}>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <SearchBox
              label={t('members.searchLabel')}
              placeholder={t('members.searchPlaceholder')}
              data-testid="member-search"
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
            <UnionSelect
              label={t('members.filterUnder')}
              placeholder={t('members.anyUnion')}
              value={filters.under ?? null}
              onChange={(id) => setFilter('under', id)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
            <Select
              label={t('member.fields.status')}
              placeholder={t('members.any')}
              clearable
              data={MemberStatuses.map((status) => ({ value: status, label: t(`member.statuses.${status}`) }))}
              value={filters.status ?? null}
              onChange={(value) => setFilter('status', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <Select
              label={t('member.fields.gender')}
              placeholder={t('members.any')}
              clearable
              data={Genders.map((gender) => ({ value: gender, label: t(`member.genders.${gender}`) }))}
              value={filters.gender ?? null}
              onChange={(value) => setFilter('gender', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2, md: 1 }}>
            <NumberInput
              label={t('members.ageMin')}
              min={0}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              value={filters.ageMin ?? ''}
              onChange={(value) => setFilter('ageMin', typeof value === 'number' ? value : null)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2, md: 1 }}>
            <NumberInput
              label={t('members.ageMax')}
              min={0}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              value={filters.ageMax ?? ''}
              onChange={(value) => setFilter('ageMax', typeof value === 'number' ? value : null)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <DateField
              label={t('members.admittedFrom')}
              value={filters.admittedFrom ?? null}
              onChange={(value) => setFilter('admittedFrom', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <DateField label={t('members.admittedTo')} value={filters.admittedTo ?? null} onChange={(value) => setFilter('admittedTo', value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <Select
              label={t('member.fields.cardStatus')}
              placeholder={t('members.any')}
              clearable
              data={[
                ...CardStatuses.map((status) => ({ value: status, label: t(`member.cardStatuses.${status}`) })),
                { value: 'due', label: t('members.cardDue') },
              ]}
              value={filters.cardStatus ?? null}
              onChange={(value) => setFilter('cardStatus', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <OfficerPositionSelect
              valueKind="code"
              label={t('members.filterPosition')}
              placeholder={t('members.any')}
              clearable
              value={filters.position ?? null}
              onChange={(value) => setFilter('position', value)}
            />
          </Grid.Col>
          {hasFilters && (
            <Grid.Col span={12}>
              <ClearFiltersButton onClear={() => setParams({}, { replace: true })} />
            </Grid.Col>
          )}
        </Grid>
      </Card>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('member.fields.fullName')}</Table.Th>
                  <Table.Th>{t('member.fields.dateOfBirth')}</Table.Th>
                  <Table.Th>{t('member.fields.gender')}</Table.Th>
                  <Table.Th>{t('member.fields.citizenId')}</Table.Th>
                  <Table.Th>{t('member.fields.union')}</Table.Th>
                  <Table.Th>{t('member.fields.admittedOn')}</Table.Th>
                  <Table.Th>{t('member.fields.cardNumber')}</Table.Th>
                  <Table.Th>{t('member.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="member-rows">
                {list.isPending ? (
                  <SkeletonRows rows={8} columns={8} />
                ) : (
                  items.map((member) => (
                    <Table.Tr key={member.id}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.member(member.id)} fw={500}>
                          {member.fullName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="nowrap">{formatDate(member.dateOfBirth)}</Table.Td>
                      <Table.Td>{t(`member.genders.${member.gender}`)}</Table.Td>
                      <Table.Td className="nowrap" ff="monospace">
                        {member.citizenId ?? t('app.none')}
                      </Table.Td>
                      <Table.Td>{member.union.name}</Table.Td>
                      <Table.Td className="nowrap">{formatDate(member.admittedOn)}</Table.Td>
                      <Table.Td className="nowrap">
                        {member.cardNumber ?? <CardStatusBadge status={member.cardStatus} />}
                      </Table.Td>
                      <Table.Td>
                        <MemberStatusBadge status={member.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('members.shownCount', counted)}
            empty={
              <EmptyState
                title={t('members.emptyTitle')}
                text={hasFilters ? t('members.emptyFiltered') : t('members.emptyText')}
                action={
                  !hasFilters &&
                  canWrite && (
                    <Button component={Link} to={paths.memberImport} variant="light" size="xs">
                      {t('members.import')}
                    </Button>
                  )
                }
              />
            }
          />
        </Card>
      )}
    </>
  )
}

/** The inbox of transfer requests, with how many wait for a decision. */
function TransfersInboxLink() {
  const { t } = useTranslation()
  const pending = usePendingIncomingCount()
  const count = pending.data?.count ?? 0
  return (
    <Button
      component={Link}
      to={paths.memberTransfers}
      variant="default"
      leftSection={<IconInbox size={16} />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" color="red" circle={count < 10} aria-label={t('members.pendingTransfers', { count })}>
            {pending.data?.more ? `${count}+` : count}
          </Badge>
        ) : undefined
      }
      data-testid="transfers-inbox-link"
    >
      {t('members.incomingTransfers')}
    </Button>
  )
}
