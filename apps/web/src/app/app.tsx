import { MantineProvider, createTheme } from '@mantine/core'
import { DatesProvider } from '@mantine/dates'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { useTranslation } from 'react-i18next'
import { queryClient } from './query-client'
import { router } from './router'
import { SessionProvider } from './session'

const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
})

export function App() {
  const { i18n } = useTranslation()
  return (
    <MantineProvider theme={theme}>
      {/* Date pickers read and write YYYY-MM-DD strings and show dd/MM/yyyy. */}
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  )
}
