import { TextInput, type TextInputProps } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'

interface SearchBoxProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type'> {
  /** The search as the URL holds it (`q`). */
  value: string
  /** The trimmed search, or null when cleared; called once typing pauses. */
  onSearch: (value: string | null) => void
}

/**
 * A list's search box: typing shows at once, the search is sent when typing pauses (so
 * "tran van hung" is one request, not thirteen), and the box follows the URL when it changes
 * from elsewhere (back button, "clear filters").
 */
export function SearchBox({ value, onSearch, ...inputProps }: SearchBoxProps) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const push = useDebouncedCallback((next: string) => onSearch(next.trim() || null), 300)
  return (
    <TextInput
      type="search"
      leftSection={<IconSearch size={16} />}
      {...inputProps}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        push(event.currentTarget.value)
      }}
    />
  )
}
