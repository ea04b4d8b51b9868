/**
 * Parses a date typed the Vietnamese way (`22/11/2026`, also `22-11-2026` or
 * `22.11.2026`) or ISO (`2026-11-22`) into the API's `YYYY-MM-DD`. Returns null
 * for impossible dates such as 30/02.
 */
export function parseVnDate(input: string): string | null {
  const text = input.trim()
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  let day: number, month: number, year: number
  if (vn) [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])]
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
