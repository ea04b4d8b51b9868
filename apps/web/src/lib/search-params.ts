/**
 * Sets one value (or several, for a repeated key such as `status=signed&status=in_force`) in the
 * current URL query; an empty value removes the key. Pages keep their filters in the URL with it.
 */
export function withParam(current: URLSearchParams, key: string, value: string | number | readonly string[] | null): URLSearchParams {
  const next = new URLSearchParams(current)
  next.delete(key)
  if (Array.isArray(value)) for (const item of value as readonly string[]) next.append(key, item)
  else if (value !== null && value !== '') next.set(key, String(value))
  return next
}
