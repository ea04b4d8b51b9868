import { describe, expect, it } from 'vitest'
import { vi as viMessages } from './vi'
import { en } from './en'

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof node === 'string') out.set(prefix, node)
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key).forEach((v, k) => out.set(k, v))
  return out
}
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

describe('messages', () => {
  const viLeaves = leaves(viMessages)
  const enLeaves = leaves(en)

  it('has the same keys in Vietnamese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort())
  })

  it('has no empty message and the same placeholders in both languages', () => {
    for (const [key, text] of viLeaves) {
      expect(text.trim(), key).not.toBe('')
      expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('uses the glossary wording for the modules', () => {
    expect(viMessages.nav.members).toBe('Đoàn viên')
    expect(viMessages.nav.officers).toBe('Cán bộ công đoàn')
    expect(viMessages.nav.agreements).toBe('Thỏa ước lao động tập thể')
    expect(viMessages.nav.audit).toBe('Nhật ký thao tác')
    expect(viMessages.union.sectors.non_state).toBe('Ngoài khu vực nhà nước')
  })
})
