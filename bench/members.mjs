// Member benchmarks that are not request rates: a 100,000-row import and export, timed through
// the real API, with the API process's memory sampled from /proc while they run.
import { readFileSync, statSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable, Writable } from 'node:stream'
import { apiRequire } from './lib.mjs'

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô']
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Quang', 'Hữu']
const GIVEN = ['Anh', 'Hùng', 'Lan', 'Hương', 'Dũng', 'Mai', 'Tuấn', 'Trang', 'Long', 'Linh', 'Nam', 'Hà']

/**
 * Citizen IDs no seeded member has: Cà Mau's code (096), serials from 500,000 (the seeders count
 * serials per province, gender and year from 1, and never get near that), one distinct
 * (gender, year, serial) per row.
 */
function citizenId(index, runSalt) {
  const female = index % 2
  const year = 70 + (Math.floor(index / 2) % 30)
  const serial = 500_000 + runSalt * 2_000 + Math.floor(index / 60)
  return `096${female}${year}${String(serial).padStart(6, '0')}`
}

/** Writes an XLSX of `rows` new members of `unionCode` with the template's Vietnamese headers. */
export async function writeImportSheet(file, rows, unionCode, headers, runSalt) {
  const ExcelJS = apiRequire('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false })
  const sheet = workbook.addWorksheet('Đoàn viên')
  sheet.addRow(headers).commit()
  for (let i = 0; i < rows; i++) {
    const female = i % 2 === 1
    const birthYear = 1970 + (Math.floor(i / 2) % 30)
    const name = `${SURNAMES[i % SURNAMES.length]} ${female ? 'Thị' : MIDDLE[i % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`
    sheet
      .addRow([
        name,
        `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${birthYear}`,
        female ? 'Nữ' : 'Nam',
        citizenId(i, runSalt),
        `09${String(i).padStart(8, '0')}`,
        'Kinh',
        'Công nhân may',
        `15/0${1 + (i % 9)}/2025`,
        '',
        unionCode,
      ])
      .commit()
  }
  sheet.commit()
  await workbook.commit()
  return statSync(file).size
}

/** Samples a process's resident memory (VmRSS) every 100 ms; `stop()` returns the peak in MB. */
export function sampleMemory(pid) {
  let peak = 0
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (match) peak = Math.max(peak, Number(match[1]) / 1024)
    } catch {
      // not on Linux, or the process is gone
    }
  }
  read()
  const timer = setInterval(read, 100)
  return {
    stop() {
      clearInterval(timer)
      read()
      return Math.round(peak)
    },
  }
}

async function pollJob(baseUrl, headers, id, busy) {
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v1/members/imports/${id}`, { headers })
    if (!response.ok) throw new Error(`GET import job answered ${response.status}: ${await response.text()}`)
    const job = await response.json()
    if (!busy.includes(job.status)) return job
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Uploads, validates and commits the sheet; returns the timings and the job. */
export async function measureImport(baseUrl, headers, file, fileName) {
  const form = new FormData()
  form.append('file', new Blob([readFileSync(file)]), fileName)
  const started = performance.now()
  const created = await fetch(`${baseUrl}/api/v1/members/imports`, { method: 'POST', headers, body: form })
  if (created.status !== 202) throw new Error(`import upload answered ${created.status}: ${await created.text()}`)
  const validated = await pollJob(baseUrl, headers, (await created.json()).id, ['validating'])
  const validatedAt = performance.now()
  if (validated.status !== 'validated') {
    const errors = await (await fetch(`${baseUrl}/api/v1/members/imports/${validated.id}/errors?limit=5`, { headers })).text()
    throw new Error(`import did not validate (${validated.status}, ${validated.errorCount} errors): ${errors.slice(0, 500)}`)
  }
  const commit = await fetch(`${baseUrl}/api/v1/members/imports/${validated.id}/commit`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `bench-${validated.id}` },
  })
  if (commit.status !== 202 && commit.status !== 200) throw new Error(`commit answered ${commit.status}: ${await commit.text()}`)
  const committed = await pollJob(baseUrl, headers, validated.id, ['validated', 'committing'])
  const finished = performance.now()
  if (committed.status !== 'committed') throw new Error(`import did not commit: ${committed.status} ${committed.failure ?? ''}`)
  return { job: committed, validateMs: validatedAt - started, commitMs: finished - validatedAt, totalMs: finished - started }
}

/** Streams an export to nowhere, counting bytes; returns the time and size. */
export async function measureExport(baseUrl, headers, query) {
  const started = performance.now()
  const response = await fetch(`${baseUrl}/api/v1/members/export?${query}`, { headers })
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`)
  let bytes = 0
  await pipeline(
    Readable.fromWeb(response.body),
    new Writable({
      write(chunk, _encoding, done) {
        bytes += chunk.length
        done()
      },
    }),
  )
  return { ms: performance.now() - started, bytes }
}

