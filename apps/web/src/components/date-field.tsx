import { DateInput, type DateInputProps } from '@mantine/dates'
import { IconCalendar } from '@tabler/icons-react'
import { parseVnDate } from '../lib/dates'

/**
 * Date entry as officers write dates (dd/MM/yyyy), typed or picked; the value is
 * the API's `YYYY-MM-DD` string or null.
 */
export function DateField(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parseVnDate}
      placeholder="dd/mm/yyyy"
      clearable
      leftSection={<IconCalendar size={16} />}
      {...props}
    />
  )
}
