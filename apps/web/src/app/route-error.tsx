import { Alert, Button, Center, Stack } from '@mantine/core'
import { isRouteErrorResponse, useRouteError } from 'react-router'
import { useTranslation } from 'react-i18next'
import { isNotFound } from '../api/api-error'
import { NotFound } from '../components/not-found'

/** Last line of defence for render errors, so a bug shows a message instead of a blank page. */
export function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  if (isNotFound(error) || (isRouteErrorResponse(error) && error.status === 404)) return <NotFound />
  return (
    <Center py="xl">
      <Stack maw={520}>
        <Alert color="red" title={t('errors.title')} role="alert">
          {t('errors.generic')}
        </Alert>
        <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
      </Stack>
    </Center>
  )
}
