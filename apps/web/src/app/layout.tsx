import {
  AppShell,
  Badge,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
  Avatar,
  Progress,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconBuildingCommunity,
  IconCertificate,
  IconChartBar,
  IconChartPie,
  IconChecklist,
  IconChevronDown,
  IconCoin,
  IconFileCertificate,
  IconHistory,
  IconLayoutDashboard,
  IconLogout,
  IconSitemap,
  IconUserShield,
  IconKey,
  IconUsers,
  IconUsersGroup,
  IconList,
  IconReportAnalytics,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { Link, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Messages } from '../i18n/types'
import { currentLanguage, setLanguage } from '../i18n'
import { can, type Ability } from '../lib/permissions'
import { useLogout } from '../features/auth/api/logout'
import { paths } from './paths'
import { useSession } from './session'

interface NavItem {
  label: keyof Messages['nav']
  to: string
  icon: ComponentType<{ size?: number; stroke?: number }>
  comingSoon?: boolean
  ability?: Ability
  /** Highlight only on an exact match (the dashboard is a prefix of everything). */
  exact?: boolean
  /** A path under this one that has its own entry. */
  except?: string
}

const NAV: NavItem[] = [
  { label: 'dashboard', to: paths.dashboard, icon: IconLayoutDashboard, exact: true },
  { label: 'unions', to: paths.unions, icon: IconList, exact: true },
  { label: 'unionTree', to: paths.unionTree, icon: IconSitemap },
  { label: 'members', to: paths.members, icon: IconUsersGroup },
  { label: 'officers', to: paths.officers, icon: IconUserShield },
  { label: 'trainings', to: paths.trainings, icon: IconCertificate, except: paths.trainingCoverage },
  { label: 'trainingReports', to: paths.trainingCoverage, icon: IconReportAnalytics },
  { label: 'agreements', to: paths.agreements, icon: IconFileCertificate, except: paths.agreementReports },
  { label: 'agreementReports', to: paths.agreementReports, icon: IconChartPie },
  { label: 'supportPrograms', to: paths.supportPrograms, icon: IconCoin, except: paths.supportApprovals },
  { label: 'supportApprovals', to: paths.supportApprovals, icon: IconChecklist, ability: 'support.approve' },
  { label: 'targets', to: paths.targets, icon: IconChartBar },
  { label: 'users', to: paths.users, icon: IconUsers, ability: 'users.view' },
  { label: 'apiClients', to: paths.apiClients, icon: IconKey, ability: 'apiClients.manage' },
  { label: 'audit', to: paths.audit, icon: IconHistory, comingSoon: true },
]

/** The signed-in shell: header with the person and language, navigation for every module. */
export function AppLayout() {
  const { t } = useTranslation()
  const session = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const logout = useLogout()
  const [opened, { toggle, close }] = useDisclosure()
  // Loaders read a record before its page shows: say that something is on its way.
  const navigating = useNavigation().state === 'loading'

  if (session.status === 'loading') {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label={t('app.loading')} />
      </Center>
    )
  }
  if (session.status === 'signedOut') {
    const next = location.pathname + location.search
    return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(next)}`} replace />
  }
  const user = session.user

  const isActive = (item: NavItem) => {
    if (item.exact) return location.pathname === item.to
    if (item.except && location.pathname.startsWith(item.except)) return false
    return location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)
  }
  // Union pages other than list/tree belong to the "Công đoàn" group; highlight the list entry.
  const onUnionRecord = location.pathname.startsWith(`${paths.unions}/`) && !location.pathname.startsWith(paths.unionTree)

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        {navigating && (
          <Progress value={100} animated size={3} radius={0} pos="absolute" top={0} left={0} right={0} aria-label={t('app.loading')} />
        )}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openNavigation')} />
            <IconBuildingCommunity size={28} aria-hidden />
            <Text fw={700} visibleFrom="xs">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('language.label')}
              value={currentLanguage()}
              onChange={(value) => setLanguage(value === 'en' ? 'en' : 'vi')}
              data={[
                { value: 'vi', label: 'VI' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`${t('auth.signedInAs')}: ${user.fullName}`} data-testid="user-menu">
                  <Group gap={8} wrap="nowrap">
                    <Avatar radius="xl" size="sm" color="blue">
                      {initials(user.fullName)}
                    </Avatar>
                    <Stack gap={0} visibleFrom="md">
                      <Text size="sm" fw={600} lh={1.2}>
                        {user.fullName}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {t(`roles.${user.role}`)} · {user.unionName}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('auth.signedInAs')}</Menu.Label>
                <Stack gap={0} px="sm" pb="xs">
                  <Text size="sm" fw={600}>
                    {user.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                  <Text size="xs">{t(`roles.${user.role}`)}</Text>
                  <Text size="xs">{user.unionName}</Text>
                </Stack>
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconLogout size={16} />}
                  onClick={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.signIn, { replace: true }) })}
                >
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.name')}>
        <AppShell.Section grow component={ScrollArea}>
          {NAV.filter((item) => !item.ability || can(user, item.ability)).map((item) => (
            <NavLink
              key={item.label}
              component={Link}
              to={item.to}
              onClick={close}
              label={t(`nav.${item.label}`)}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={isActive(item) || (item.label === 'unions' && onUnionRecord)}
              rightSection={
                item.comingSoon ? (
                  <Badge size="xs" variant="light" color="gray">
                    {t('nav.comingSoonBadge')}
                  </Badge>
                ) : undefined
              }
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/)
  return ((words.at(-2)?.[0] ?? '') + (words.at(-1)?.[0] ?? '')).toUpperCase()
}
