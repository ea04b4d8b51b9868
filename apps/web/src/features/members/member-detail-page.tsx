import { useState, type ComponentType } from 'react'
import { Alert, Anchor, Button, Card, Grid, Group, Menu, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import {
  IconArrowsExchange,
  IconChevronDown,
  IconEraser,
  IconEye,
  IconEyeOff,
  IconFileDownload,
  IconPencil,
  IconUserCheck,
  IconUserX,
} from '@tabler/icons-react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Member } from '@liendoan/contracts'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { fileSafeName, saveBlob } from '../../lib/download'
import { formatDate, formatDateTime, todayIso } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useMember, useRevealedMember } from './api/get-member'
import { usePersonalDataExport } from './api/get-personal-data'
import { MemberCards } from './member-cards'
import { MemberEraseModal } from './member-erase-modal'
import { MemberStatusBadge } from './member-labels'
import { MemberReadmitModal } from './member-readmit-modal'
import { MemberStatusModal } from './member-status-modal'
import { MemberTimeline } from './member-timeline'
import { MemberTransferModal } from './member-transfer-modal'
import { DetailField, DetailSkeleton } from '../../components/detail-field'

type Dialog = 'status' | 'readmit' | 'transfer' | 'erase'

/** A section another feature adds to the page (the router composes them, so features stay apart). */
export type MemberSection = ComponentType<{ memberId: string }>

export function MemberDetailPage({ extraSections = [] }: { extraSections?: readonly MemberSection[] }) {
  const { id = '' } = useParams()
  const query = useMember(id)
  if (query.isPending) return <DetailSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  return <MemberDetail member={query.data.member} extraSections={extraSections} />
}

function MemberDetail({ member, extraSections }: { member: Member; extraSections: readonly MemberSection[] }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reveal, setReveal] = useState(false)
  const revealed = useRevealedMember(member.id, reveal)
  const personalData = usePersonalDataExport(member.id)

  const canWrite = can(user, 'member.write') && !member.erased
  const canReveal = can(user, 'member.reveal') && !member.erased && (member.citizenId !== null || member.phone !== null)
  const active = member.status === 'active'
  const shown = reveal && revealed.data ? revealed.data : member

  const downloadPersonalData = () =>
    personalData.mutate(undefined, {
      onSuccess: (data) =>
        saveBlob(
          new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
          `${fileSafeName(t('memberDetail.personalDataFile'))}-${fileSafeName(member.fullName)}-${todayIso()}.json`,
        ),
      onError: (error) => notifyError(error, t),
    })

  const hasMenu = canWrite || can(user, 'member.reveal') || can(user, 'member.erase')

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.members} size="sm">
            {t('memberDetail.backToList')}
          </Anchor>
        }
        title={
          <Group gap="sm" component="span">
            <span>{member.fullName}</span>
            <MemberStatusBadge status={member.status} />
          </Group>
        }
        actions={
          <>
            {canWrite && (
              <Button component={Link} to={paths.memberEdit(member.id)} leftSection={<IconPencil size={16} />}>
                {t('app.edit')}
              </Button>
            )}
            {canWrite && active && (
              <Button variant="light" leftSection={<IconArrowsExchange size={16} />} onClick={() => setDialog('transfer')}>
                {t('memberActions.transfer')}
              </Button>
            )}
            {hasMenu && (
              // The menu must not take focus back when it closes: the dialog it opens holds it.
              <Menu position="bottom-end" returnFocus={false}>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    {t('memberActions.more')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {canWrite && active && (
                    <Menu.Item leftSection={<IconUserX size={16} />} onClick={() => setDialog('status')}>
                      {t('memberActions.changeStatus')}
                    </Menu.Item>
                  )}
                  {canWrite && !active && (
                    <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setDialog('readmit')}>
                      {t('memberActions.readmit')}
                    </Menu.Item>
                  )}
                  {can(user, 'member.reveal') && (
                    <Menu.Item leftSection={<IconFileDownload size={16} />} onClick={downloadPersonalData} disabled={personalData.isPending}>
                      {t('memberActions.personalData')}
                    </Menu.Item>
                  )}
                  {can(user, 'member.erase') && !member.erased && (
                    <Menu.Item color="red" leftSection={<IconEraser size={16} />} onClick={() => setDialog('erase')}>
                      {t('memberActions.erase')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />

      {member.erased && (
        <Alert color="gray" mb="md" title={t('memberDetail.erasedTitle')}>
          {t('memberDetail.erasedText')}
        </Alert>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h5">
                {t('memberDetail.personSection')}
              </Title>
              {canReveal && (
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={reveal ? <IconEyeOff size={14} /> : <IconEye size={14} />}
                  loading={reveal && revealed.isFetching}
                  onClick={() => setReveal((value) => !value)}
                  data-testid="reveal-toggle"
                >
                  {reveal ? t('memberDetail.hide') : t('memberDetail.reveal')}
                </Button>
              )}
            </Group>
            {reveal && revealed.isSuccess && (
              <Alert color="yellow" variant="light" mb="sm" p="xs">
                <Text size="xs">{t('memberDetail.revealLogged')}</Text>
              </Alert>
            )}
            {reveal && revealed.isError && <QueryError error={revealed.error} />}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              <DetailField label={t('member.fields.fullName')} value={member.fullName} />
              <DetailField label={t('member.fields.dateOfBirth')} value={formatDate(member.dateOfBirth)} />
              <DetailField label={t('member.fields.gender')} value={t(`member.genders.${member.gender}`)} />
              <DetailField label={t('member.fields.citizenId')} value={shown.citizenId} mono testId="field-citizenId" />
              <DetailField label={t('member.fields.phone')} value={shown.phone} mono testId="field-phone" />
              <DetailField label={t('member.fields.ethnicity')} value={member.ethnicity} />
              <DetailField label={t('member.fields.occupation')} value={member.occupation} />
              <DetailField label={t('member.fields.updatedAt')} value={formatDateTime(member.updatedAt)} />
            </SimpleGrid>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder h="100%">
            <Title order={3} size="h5" mb="sm">
              {t('memberDetail.membershipSection')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              <DetailField
                label={t('member.fields.union')}
                value={
                  <Anchor component={Link} to={paths.union(member.union.id)}>
                    {member.union.name}
                  </Anchor>
                }
                testId="field-union"
              />
              <DetailField label={t('member.fields.admittedOn')} value={formatDate(member.admittedOn)} />
              <DetailField label={t('member.fields.status')} value={<MemberStatusBadge status={member.status} />} />
              {!active && (
                <>
                  <DetailField label={t('member.fields.statusDate')} value={member.statusDate && formatDate(member.statusDate)} />
                  <DetailField label={t('member.fields.statusReason')} value={member.statusReason} />
                </>
              )}
              <DetailField label={t('member.fields.cardNumber')} value={member.cardNumber} mono />
              <DetailField label={t('member.fields.cardIssuedOn')} value={member.cardIssuedOn && formatDate(member.cardIssuedOn)} />
            </SimpleGrid>
          </Card>
        </Grid.Col>
      </Grid>

      <Stack mt="lg" gap="lg">
        <MemberCards member={member} canWrite={canWrite} />
        {extraSections.map((Section, index) => (
          <Section key={index} memberId={member.id} />
        ))}
        <div>
          <Title order={3} size="h4" mb="sm">
            {t('memberDetail.timeline')}
          </Title>
          <MemberTimeline memberId={member.id} />
        </div>
      </Stack>

      {dialog === 'status' && <MemberStatusModal member={member} onClose={() => setDialog(null)} />}
      {dialog === 'readmit' && <MemberReadmitModal member={member} onClose={() => setDialog(null)} />}
      {dialog === 'transfer' && <MemberTransferModal member={member} onClose={() => setDialog(null)} />}
      {dialog === 'erase' && <MemberEraseModal member={member} onClose={() => setDialog(null)} />}
    </>
  )
}

