import { useTranslation } from 'react-i18next'
import { ComingSoon } from '../components/coming-soon'
import type { Messages } from '../i18n/types'

export function ComingSoonRoute({ module }: { module: keyof Messages['nav'] }) {
  const { t } = useTranslation()
  return <ComingSoon module={t(`nav.${module}`)} />
}
