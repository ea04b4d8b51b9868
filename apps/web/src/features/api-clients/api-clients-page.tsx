import { useState } from 'react'
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, MultiSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconKey, IconPlus } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { type ApiClient, type ApiClientScope, ApiClientScopes, type ApiClientWithSecret } from '@liendoan/contracts'
import { ConfirmModal } from '../../components/confirm-modal'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { useCurrentUser } from '../../app/session'
import { UnionPicker } from '../unions/union-picker'
import { useCreateApiClient } from './api/create-api-client'
import { useApiClientList } from './api/list-api-clients'
import { useRevokeApiClient } from './api/revoke-api-client'
import { useRotateApiClient } from './api/rotate-api-client'

/** The secret of a new or rotated client: shown once, with a copy button. */
function SecretModal({ client, onClose }: { client: ApiClientWithSecret | null; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal opened={client !== null} onClose={onClose} title={t('apiClients.secretTitle')} size="lg">
      {client && (
        <Stack>
          <Alert color="yellow">{t('apiClients.secretOnce')}</Alert>
          <Text size="sm">{t('apiClients.clientId')}</Text>
          <Code block>{client.id}</Code>
          <Text size="sm">{t('apiClients.clientSecret')}</Text>
          <Code block data-testid="api-client-secret">{client.clientSecret}</Code>
          <Group justify="flex-end">
            <CopyButton value={client.clientSecret ?? ''}>
              {({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('apiClients.copied') : t('apiClients.copy')}</Button>}
            </CopyButton>
            <Button onClick={onClose}>{t('apiClients.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}

/** Name, union, scopes and limit of a new client. */
function CreateModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (client: ApiClientWithSecret) => void }) {
  const { t } = useTranslation()
  const create = useCreateApiClient()
  const [name, setName] = useState('')
  const [unionId, setUnionId] = useState<string | null>(null)
  const [scopes, setScopes] = useState<ApiClientScope[]>([])
  const [limit, setLimit] = useState<number | string>(600)
  const ready = name.trim() !== '' && unionId !== null && scopes.length > 0

  const submit = () => {
    if (!unionId) return
    create.mutate(
      { name: name.trim(), unionId, scopes, ...(typeof limit === 'number' ? { rateLimitPerMinute: limit } : {}) },
      {
        onSuccess: (client) => {
          setName('')
          setScopes([])
          onCreated(client)
        },
        onError: (error) => notifyError(error, t),
      },
    )
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('apiClients.createTitle')} size="lg">
      <Stack>
        <TextInput label={t('apiClients.name')} required maxLength={200} value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <UnionPicker label={t('apiClients.union')} description={t('apiClients.unionHint')} required value={unionId} onChange={setUnionId} />
        <MultiSelect
          label={t('apiClients.scopes')}
          required
          data={ApiClientScopes.map((scope) => ({ value: scope, label: scope }))}
          value={scopes}
          onChange={(values) => setScopes(values as ApiClientScope[])}
        />
        <NumberInput label={t('apiClients.rateLimit')} min={1} max={100000} value={limit} onChange={setLimit} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
          <Button onClick={submit} disabled={!ready} loading={create.isPending}>{t('apiClients.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** API clients in the admin's subtree: create one, rotate its secret, revoke it. */
export function ApiClientsPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const allowed = can(me, 'apiClients.manage')
  const list = useApiClientList(allowed)
  const rotate = useRotateApiClient()
  const revoke = useRevokeApiClient()
  const [creating, setCreating] = useState(false)
  const [secret, setSecret] = useState<ApiClientWithSecret | null>(null)
  const [confirm, setConfirm] = useState<{ kind: 'rotate' | 'revoke'; client: ApiClient } | null>(null)

  if (!allowed) return <NotFound />
  const items = list.data?.pages.flatMap((page) => page.items) ?? []

  const act = () => {
    if (!confirm) return
    const { kind, client } = confirm
    if (kind === 'rotate') {
      rotate.mutate(client.id, {
        onSuccess: (rotated) => {
          setConfirm(null)
          setSecret(rotated)
        },
        onError: (error) => notifyError(error, t),
      })
    } else {
      revoke.mutate(client.id, {
        onSuccess: () => {
          setConfirm(null)
          notifySuccess(t('apiClients.revoked', { name: client.name }))
        },
        onError: (error) => notifyError(error, t),
      })
    }
  }

  return (
    <>
      <PageHeader
        title={t('apiClients.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('apiClients.newClient')}
          </Button>
        }
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('apiClients.name')}</Table.Th>
                  <Table.Th>{t('apiClients.union')}</Table.Th>
                  <Table.Th>{t('apiClients.scopes')}</Table.Th>
                  <Table.Th>{t('apiClients.secretHint')}</Table.Th>
                  <Table.Th>{t('apiClients.rateLimit')}</Table.Th>
                  <Table.Th>{t('apiClients.status')}</Table.Th>
                  <Table.Th>{t('apiClients.createdAt')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="api-client-rows">
                {list.isPending ? (
                  <SkeletonRows rows={3} columns={8} />
                ) : (
                  items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{item.name}</Table.Td>
                      <Table.Td>{item.unionName}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {item.scopes.map((scope) => (
                            <Badge key={scope} size="xs" variant="outline">
                              {scope}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Code>{item.secretHint}</Code>
                      </Table.Td>
                      <Table.Td>{item.rateLimitPerMinute}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={item.status === 'active' ? 'teal' : 'gray'}>
                          {t(`apiClients.statuses.${item.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                      <Table.Td>
                        {item.status === 'active' && (
                          <Group gap={4} wrap="nowrap">
                            <Button size="xs" variant="light" leftSection={<IconKey size={14} />} onClick={() => setConfirm({ kind: 'rotate', client: item })}>
                              {t('apiClients.rotate')}
                            </Button>
                            <Button size="xs" variant="light" color="red" onClick={() => setConfirm({ kind: 'revoke', client: item })}>
                              {t('apiClients.revoke')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd list={list} count={items.length} shownText={(counted) => t('apiClients.shownCount', counted)} empty={<EmptyState text={t('apiClients.empty')} />} />
        </Card>
      )}
      <CreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(client) => {
          setCreating(false)
          setSecret(client)
        }}
      />
      <SecretModal client={secret} onClose={() => setSecret(null)} />
      {confirm && (
        <ConfirmModal
          title={confirm.kind === 'rotate' ? t('apiClients.rotateTitle') : t('apiClients.revokeTitle')}
          text={confirm.kind === 'rotate' ? t('apiClients.rotateText', { name: confirm.client.name }) : t('apiClients.revokeText', { name: confirm.client.name })}
          confirmLabel={confirm.kind === 'rotate' ? t('apiClients.rotate') : t('apiClients.revoke')}
          loading={rotate.isPending || revoke.isPending}
          onConfirm={act}
          onClose={() => setConfirm(null)}
        />
      )}
    </>
  )
}
