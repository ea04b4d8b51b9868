/**
 * Sample values for the OpenAPI document, made from the JSON schemas themselves: a schema's own
 * `examples`, `const`, `default` or first `enum` value first, then its `format`, then a value that
 * fits the property's name (Vietnamese names, masked CCCD and phone as the API masks them,
 * amounts in whole đồng), kept within the schema's bounds. Deterministic: the document is
 * committed and compared, so the same schema always gives the same example.
 */

type Schema = Record<string, unknown>

export interface ExampleOptions {
  /** Resolves a local `$ref` (`#/components/schemas/...`). */
  resolve?: (ref: string) => Schema | undefined
}

/** A fixed date and instant: examples must not change with the day the document is made. */
const SAMPLE_DATE = '2025-03-15'
const SAMPLE_DATE_TIME = '2025-03-15T02:30:00.000Z'

/** FNV-1a: a stable number from a property's name. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}

/** A UUID v7-shaped id derived from the property's name, so `unionId` is the same id everywhere. */
export function sampleUuid(name: string): string {
  const hex = [hash(name), hash(`${name}#2`), hash(`${name}#3`), hash(`${name}#4`)].map((part) => part.toString(16).padStart(8, '0')).join('')
  return `0193a5b2-${hex.slice(0, 4)}-7${hex.slice(5, 8)}-8${hex.slice(9, 12)}-${hex.slice(12, 24)}`
}

/** Strings suggested by a property's name (lower case, with its parent's name for `name`). */
function stringForName(key: string, parent: string): string | undefined {
  const k = key.toLowerCase()
  const p = parent.toLowerCase()
  if (k === 'citizenid' || k === 'cccd') return '********1234'
  if (k === 'phone' || k.endsWith('phone')) return '09******78'
  if (k.includes('email')) return 'nguyen.thi.lan@congdoan-phuctho.vn'
  if (k === 'nextcursor' || k === 'cursor') return 'eyJrIjoiMDE5M2E1YjIifQ'
  if (k === 'accesstoken' || k === 'refreshtoken' || k === 'token') return 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTkzYTViMiJ9.c2lnbmF0dXJl'
  if (k === 'tokentype') return 'Bearer'
  if (k === 'starttime') return '08:00'
  if (k === 'endtime') return '11:30'
  if (k === 'fullname' || k.endsWith('byname') || k === 'holdername' || k === 'personname' || k === 'membername' || k === 'officername') return 'Nguyễn Thị Lan'
  if (k === 'employername') return 'Công ty TNHH May Phúc Thọ'
  if (k === 'unionname' || k === 'parentname' || (k === 'name' && /union|parent|ancestor|under|unit|from|to|destination|grassroots|child/.test(p))) {
    return 'Công đoàn cơ sở Công ty TNHH May Phúc Thọ'
  }
  if (k === 'name' && /program/.test(p)) return 'Hỗ trợ đoàn viên khó khăn dịp Tết 2025'
  if (k === 'name' && /topic|training/.test(p)) return 'Nghiệp vụ công tác công đoàn cơ sở'
  if (k === 'name' && /position/.test(p)) return 'Chủ tịch công đoàn cơ sở'
  if (k === 'name' && /member|holder|person|officer|user|by$|actor/.test(p)) return 'Nguyễn Thị Lan'
  if (k === 'name') return 'Công đoàn cơ sở Công ty TNHH May Phúc Thọ'
  if (k === 'code' && /union|parent|ancestor|under|unit|from|to/.test(p)) return 'CDCS-PT-042'
  if (k === 'unioncode') return 'CDCS-PT-042'
  if (k === 'address' || k.endsWith('address')) return 'Số 12 đường Phúc Lợi, huyện Phúc Thọ, Hà Nội'
  if (k === 'title') return 'Thỏa ước lao động tập thể giai đoạn 2025–2027'
  if (k === 'ethnicity') return 'Kinh'
  if (k === 'occupation') return 'Công nhân may'
  if (k === 'filename') return 'thoa-uoc-2025.pdf'
  if (k === 'mediatype' || k === 'contenttype') return 'application/pdf'
  if (k === 'location' || k === 'venue') return 'Hội trường Liên đoàn Lao động huyện Phúc Thọ'
  if (k.includes('reason') || k.includes('note') || k === 'description' || k === 'detail' || k === 'comment') return 'Theo đề nghị của Ban Chấp hành công đoàn cơ sở'
  if (k === 'cardnumber') return 'HN-2025-000123'
  if (k.endsWith('number') || k === 'number') return '125/QĐ-LĐLĐ'
  if (k === 'requestid') return sampleUuid('requestId')
  if (k === 'message') return 'Không được để trống'
  if (k === 'field') return '/name'
  if (k === 'sha256' || k.endsWith('sha256')) return 'a'.repeat(64)
  return undefined
}

function fitLength(value: string, schema: Schema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity
  let out = value
  if ([...out].length > max) out = [...out].slice(0, max).join('')
  while ([...out].length < min) out += 'x'
  return out
}

function clampNumber(value: number, schema: Schema, integer: boolean): number {
  let out = value
  if (typeof schema.minimum === 'number' && out < schema.minimum) out = schema.minimum
  if (typeof schema.exclusiveMinimum === 'number' && out <= schema.exclusiveMinimum) out = schema.exclusiveMinimum + (integer ? 1 : 0.5)
  if (typeof schema.maximum === 'number' && out > schema.maximum) out = schema.maximum
  if (typeof schema.exclusiveMaximum === 'number' && out >= schema.exclusiveMaximum) out = schema.exclusiveMaximum - (integer ? 1 : 0.5)
  return integer ? Math.round(out) : out
}

function numberForName(key: string, integer: boolean): number {
  const k = key.toLowerCase()
  if (/vnd|amount|budget|salary|wage/.test(k)) return 1_500_000
  if (k.endsWith('year')) return 2025
  if (k === 'month') return 3
  if (k === 'version') return 3
  if (k === 'status') return 400
  if (/percent|rate|share|ratio/.test(k)) return integer ? 85 : 0.85
  if (k === 'limit') return 50
  if (/day/.test(k)) return 30
  if (/count|total|members|workers|participants|rows|admitted|size|bytes|capacity|covered|hours/.test(k)) return 120
  if (k === 'depth') return 2
  return integer ? 1 : 1.5
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) && value.length > 0 ? value[0] : undefined
}

/**
 * Nullable fields that record a later event (a merger, an approval, a closing): null in the
 * example, so it shows a record as it first is, consistent with the first value of its status.
 */
const LATER_EVENT = /^(merged|close|closing|approved|disbursed|disbursement|revoked|revocation|terminated|replaced|rejected|cancell?ed|withdrawn|ended|dissolved|erased|override|status(reason|date|effectivedate)$|registered|expired|error)/i

function isNullSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as Schema).type === 'null'
}

/** An example value for `schema`; `key` is the property it describes, `parent` the one holding it. */
export function exampleFor(schema: unknown, options: ExampleOptions = {}, key = '', parent = '', depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 12) return null
  let s = schema as Schema
  if (typeof s.$ref === 'string') {
    const resolved = options.resolve?.(s.$ref)
    if (!resolved) return null
    s = { ...resolved, ...Object.fromEntries(Object.entries(s).filter(([name]) => name !== '$ref')) }
  }
  const own = firstOf(s.examples) ?? s.example
  if (own !== undefined) return own
  if (s.const !== undefined) return s.const
  if (s.default !== undefined && typeof s.default !== 'object') return s.default
  const enumValue = firstOf(s.enum)
  if (enumValue !== undefined) return enumValue
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const branches = s[combinator]
    if (Array.isArray(branches) && branches.length > 0) {
      if (LATER_EVENT.test(key) && branches.some(isNullSchema)) return null
      // Otherwise show the value, not its absence: the first branch that is not null.
      const branch = branches.find((candidate) => !isNullSchema(candidate)) ?? branches[0]
      return exampleFor(branch, options, key, parent, depth + 1)
    }
  }
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((part) => exampleFor(part, options, key, parent, depth + 1))
    return parts.every((part) => part && typeof part === 'object' && !Array.isArray(part)) ? Object.assign({}, ...parts) : parts[0]
  }
  const type = Array.isArray(s.type) ? (s.type.find((name) => name !== 'null') ?? s.type[0]) : s.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const properties = (s.properties ?? {}) as Record<string, unknown>
      for (const [name, property] of Object.entries(properties)) out[name] = exampleFor(property, options, name, key, depth + 1)
      return out
    }
    case 'array': {
      if (s.maxItems === 0) return []
      const item = exampleFor(s.items, options, key.replace(/s$/, ''), parent, depth + 1)
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1)
      return Array.from({ length: count }, () => item)
    }
    case 'string': {
      switch (s.format) {
        case 'uuid':
          // Nested ids differ by their parent: `program.id` is not `union.id`.
          return sampleUuid(parent && key === 'id' ? `${parent}.id` : key || parent)
        case 'date':
          return key === 'dateOfBirth' ? '1990-05-12' : SAMPLE_DATE
        case 'date-time':
          return SAMPLE_DATE_TIME
        case 'email':
          return 'nguyen.thi.lan@congdoan-phuctho.vn'
        case 'uri':
          return 'https://liendoan.example.vn/xac-thuc/ABCD-EFGH-2345'
        case 'binary':
          return '(binary)'
        default:
          return fitLength(stringForName(key, parent) ?? 'Nội dung mẫu', s)
      }
    }
    case 'integer':
      return clampNumber(numberForName(key, true), s, true)
    case 'number':
      return clampNumber(numberForName(key, false), s, false)
    case 'boolean':
      return false
    case 'null':
      return null
    default:
      return null
  }
}
