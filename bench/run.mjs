// `pnpm bench` (after `pnpm build`): the API against a real PostgreSQL at national scale.
//
// 1. DATABASE_URL, or a throwaway server from the system's binaries (scripts/pg-server.sh).
// 2. Fills it with the generator (`seed:scale`, BENCH_UNIONS unions, 130,000 by default, and
//    BENCH_MEMBERS members, 1,000,000 by default) unless it already holds that many and the
//    benchmark accounts.
// 3. Starts the built API and the bare reference server, signs in as the bench officer and
//    measures with autocannon (unions and members: read by id against the bare reference, and
//    search); then imports a BENCH_IMPORT_ROWS-row XLSX (100,000) and exports it again, timing
//    both and sampling the API's memory; prints a table and writes bench/results.json.
// The dashboard scenarios (api-dashboard-root, api-results-root) are the root of the whole tree;
// issue 7 sets their target at BENCH_MEMBERS=10000000.
// Targets are reported, never asserted: a miss does not fail the run.
//
// Environment: DATABASE_URL, BENCH_UNIONS, BENCH_MEMBERS, BENCH_IMPORT_ROWS, BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 3),
// BENCH_CONNECTIONS (10), BENCH_POOL_SIZE (database pool of each server, 10), BENCH_ONLY (comma-separated
// scenario names to run, e.g. `api-search-member,import`, while working on one of them; results.json
// is then left alone).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { apiRequire, API_DIR, freePort, maskUrl, ROOT, waitForReady } from './lib.mjs'
import { measureExport, measureImport, sampleMemory, writeImportSheet } from './members.mjs'

const UNIONS = Number(process.env.BENCH_UNIONS ?? 130_000)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000)
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10)
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((name) => name.trim()) : null
/** Whether a scenario runs; a reference runs with whatever is measured against it. */
const selected = (...names) => ONLY === null || names.some((name) => name && ONLY.includes(name))
const OFFICER = { email: 'bench-officer@liendoan.vn', password: 'Liendoan@2026' }
/** The national confederation's account: the dashboard of the root is the heaviest one. */
const ROOT_ADMIN = { email: 'bench-admin@liendoan.vn', password: 'Liendoan@2026' }
const PG_SERVER = path.join(ROOT, 'scripts/pg-server.sh')
const API_ENTRY = path.join(API_DIR, 'dist/src/server.js')
const RESULTS = path.join(ROOT, 'bench/results.json')

// What people type in the search box, without diacritics, from very common to rare.
const SEARCH_TERMS = [
  'cong ty tnhh', 'may', 'truong thcs', 'phuc tho', 'xay dung', 'benh vien', 'co khi', 'nguyen', 'thuc pham',
  'hop tac xa', 'dien tu', 'logistics', 'mam non', 'ubnd phuong', 'vina', 'thanh xuan', 'van tai', 'giay da',
  'tieu hoc', 'duoc pham', 'hoang long', 'cp thuong mai', 'tram y te', 'det may', 'minh phat',
]

// Names officers type, from very common to rare, without diacritics; the issue names the first two.
const MEMBER_SEARCH_TERMS = [
  'nguyen thi lan', 'anh', 'tran van hung', 'le thi', 'nguyen', 'pham minh', 'hoang', 'thu trang', 'vu duc',
  'lan anh', 'bui thi hoa', 'ngo quang', 'do thi huong', 'dang van nam', 'thi', 'mai', 'huong',
]

const TARGETS = {
  'api-get-union': { label: '≥ 70% of reference req/s', met: (r) => r.ratioToReference !== null && r.ratioToReference >= 0.7 },
  'api-search-union': { label: 'p99 < 50 ms', met: (r) => r.p99Ms < 50 },
  'api-get-member': { label: '≥ 70% of reference req/s', met: (r) => r.ratioToReference !== null && r.ratioToReference >= 0.7 },
  'api-search-member': { label: 'p50 < 15 ms, p99 < 100 ms', met: (r) => r.p50Ms < 15 && r.p99Ms < 100 },
  'api-dashboard-root': { label: 'p50 < 100 ms, p99 < 300 ms', met: (r) => r.p50Ms < 100 && r.p99Ms < 300 },
  'api-results-root': { label: 'p50 < 100 ms, p99 < 300 ms', met: (r) => r.p50Ms < 100 && r.p99Ms < 300 },
  'import-members-xlsx': { label: '≥ 10,000 rows/s, API < 512 MB', met: (r) => r.rowsPerSec >= 10_000 && r.peakRssMb < 512 },
  'export-members-xlsx': { label: '< 10 s, API < 300 MB', met: (r) => r.seconds < 10 && r.peakRssMb < 300 },
}

/** A scenario whose requests failed, or that completed none, misses its target whatever its figures. */
const targetMet = (r) => !r.failures && r.requestsPerSec !== 0 && TARGETS[r.scenario].met(r)

const cleanups = []
let tmpDir

function log(message) {
  console.log(`[bench] ${message}`)
}

async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop()
    try {
      await step()
    } catch (error) {
      console.error(`[bench] cleanup: ${error.message}`)
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping`)
    cleanup().finally(() => process.exit(130))
  })
}

function findInitdb() {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((version) => existsSync(path.join(base, version, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? path.join(base, versions[0], 'bin') : null
}

async function databaseUrl() {
  if (process.env.DATABASE_URL) {
    log(`using DATABASE_URL ${maskUrl(process.env.DATABASE_URL)}`)
    return process.env.DATABASE_URL
  }
  const bin = findInitdb()
  if (!bin) {
    console.error(
      '[bench] No PostgreSQL to run against. Set DATABASE_URL to a PostgreSQL database, or install the server\n' +
        '        binaries (Debian: apt-get install -y postgresql-15) so the bench can start a throwaway one.',
    )
    process.exit(2)
  }
  const dir = mkdtempSync('/tmp/liendoan-bench-pg.')
  const started = spawnSync(PG_SERVER, ['start', dir, 'auto', 'liendoan_bench'], {
    // A quarter of the 24 GiB machines here, as PostgreSQL's guide suggests for a dedicated server:
    // at 256 MB the word index of a million members no longer fits, and an import's inserts read it from disk.
    env: { ...process.env, PG_BIN: bin, PG_SHARED_BUFFERS: process.env.PG_SHARED_BUFFERS ?? '2GB' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (started.status !== 0) throw new Error('could not start the throwaway PostgreSQL server')
  cleanups.push(async () => {
    log('stopping the throwaway PostgreSQL server')
    spawnSync(PG_SERVER, ['stop', dir, '--remove'], { stdio: 'inherit' })
  })
  const url = started.stdout.trim()
  log(`throwaway PostgreSQL (${path.basename(path.dirname(bin))}) at ${maskUrl(url)}`)
  return url
}

async function query(url, text, params = []) {
  const pg = apiRequire('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

async function ensureFilled(url) {
  let unions = 0
  let members = 0
  let officer = false
  try {
    const [row] = await query(
      url,
      `SELECT (SELECT count(*) FROM unions)::int AS unions,
              (SELECT count(*) FROM members)::int AS members,
              EXISTS (SELECT 1 FROM users WHERE lower(email) = $1) AS officer`,
      [OFFICER.email],
    )
    unions = row.unions
    members = row.members
    officer = row.officer
  } catch (error) {
    if (error.code !== '42P01') throw error // undefined table: not migrated yet
  }
  if (officer && unions >= UNIONS && members >= MEMBERS) {
    log(`database already holds ${unions} unions, ${members} members and the bench accounts: not seeding`)
    return
  }
  // Members are spread over the whole tree, so a tree without enough of them is made again.
  const args =
    unions > 0 && members < MEMBERS
      ? ['--reset', '--unions', String(UNIONS), '--members', String(MEMBERS)]
      : ['--unions', String(unions === 0 ? UNIONS : Math.max(200, UNIONS - unions)), '--members', String(unions === 0 ? MEMBERS : 0)]
  if (unions > 0 && members >= MEMBERS) args.push('--append')
  log(`seeding: seed:scale ${args.join(' ')}`)
  const seeded = spawnSync('pnpm', ['--silent', '--filter', '@liendoan/api', 'seed:scale', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  })
  if (seeded.status !== 0) throw new Error('seed:scale failed')
}

function startProcess(name, args, env) {
  const logFile = path.join(tmpDir, `${name}.log`)
  const fd = openSync(logFile, 'a')
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] })
  let alive = true
  child.on('exit', () => {
    alive = false
  })
  cleanups.push(async () => {
    if (!alive) return
    log(`stopping ${name}`)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  })
  return {
    pid: child.pid,
    isAlive: () => alive,
    tail: () => readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'),
  }
}

async function startServer(name, args, env, readyUrl) {
  const handle = startProcess(name, args, env)
  try {
    await waitForReady(readyUrl, { isAlive: handle.isAlive, timeoutMs: 120_000 })
  } catch (error) {
    console.error(`[bench] ${name} did not become ready:\n${handle.tail()}`)
    throw error
  }
  return handle
}

function cannon(options) {
  const autocannon = apiRequire('autocannon')
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

/** Each request takes the next path from the list, so the server sees many different rows. */
function rotating(paths, headers) {
  let next = 0
  return [
    {
      method: 'GET',
      headers,
      setupRequest: (request) => {
        request.path = paths[next++ % paths.length]
        return request
      },
    },
  ]
}

async function measure(scenario, baseUrl, paths, headers = {}) {
  // A slow report still gets a figure: autocannon's default gives up on a request after 10 s.
  const options = { url: baseUrl, connections: CONNECTIONS, pipelining: 1, timeout: 120, requests: rotating(paths, headers) }
  if (WARMUP > 0) await cannon({ ...options, duration: WARMUP })
  const result = await cannon({ ...options, duration: DURATION })
  const failures = result.non2xx + result.errors + result.timeouts
  if (failures > 0) {
    log(`${scenario}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts (of ${result.requests.total})`)
  }
  return {
    scenario,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures,
  }
}

/** Sequential timing of each search term (median of 5), to show which terms are slow. */
async function searchBreakdown(baseUrl, paths, headers) {
  const rows = []
  for (const searchPath of paths) {
    const times = []
    let count = 0
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      const response = await fetch(baseUrl + searchPath, { headers })
      const body = await response.json()
      times.push(performance.now() - started)
      count = Array.isArray(body.items) ? body.items.length : 0
    }
    times.sort((a, b) => a - b)
    rows.push({ q: decodeURIComponent(new URL(searchPath, baseUrl).searchParams.get('q')), ms: times[2], count })
  }
  rows.sort((a, b) => b.ms - a.ms)
  console.log('search terms, one at a time (median of 5, slowest first):')
  for (const row of rows) console.log(`  ${row.q.padEnd(16)} ${row.ms.toFixed(1).padStart(7)} ms  ${String(row.count).padStart(3)} items`)
  console.log('')
}

function printTable(results) {
  const number = (value, digits = 0) => (value === null || value === undefined ? '' : value.toFixed(digits))
  const rows = results.map((r) => {
    const target = TARGETS[r.scenario]
    return [
      r.scenario,
      number(r.requestsPerSec),
      number(r.p50Ms, 1),
      number(r.p99Ms, 1),
      r.ratioToReference === null ? '' : `${(r.ratioToReference * 100).toFixed(0)}%`,
      number(r.rowsPerSec),
      number(r.seconds, 1),
      number(r.peakRssMb),
      target ? `${target.label}: ${targetMet(r) ? 'met' : 'MISSED'}` : '',
    ]
  })
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs ref', 'rows/s', 's', 'peak MB', 'target']
  const last = header.length - 1
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells) => cells.map((cell, i) => (i === 0 || i === last ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const row of rows) console.log(line(row))
  console.log('')
}

/**
 * Imports IMPORT_ROWS new members into a grassroots union of the officer's scope and exports
 * them again; the imported members are deleted afterwards so the next run starts the same.
 */
async function importAndExport(url, baseUrl, auth, apiPid, officerPath) {
  const [target] = await query(
    url,
    `SELECT u.id, u.code FROM unions u JOIN unit_types t ON t.id = u.unit_type_id
      WHERE t.is_grassroots AND u.status = 'active' AND u.path LIKE $1 || '%' ORDER BY u.code LIMIT 1`,
    [officerPath],
  )
  const { MemberSheetColumns } = await import(`${ROOT}/packages/contracts/dist/index.js`)
  const file = path.join(tmpDir, 'members-import.xlsx')
  const runSalt = Math.floor(Date.now() / 1000) % 200
  log(`writing a ${IMPORT_ROWS.toLocaleString('en')}-row XLSX for ${target.code}`)
  const size = await writeImportSheet(file, IMPORT_ROWS, target.code, MemberSheetColumns.map((column) => column.header), runSalt)
  log(`import: ${(size / 1024 / 1024).toFixed(1)} MB upload, validate, commit`)
  const results = []
  try {
    const importMemory = sampleMemory(apiPid)
    const imported = await measureImport(baseUrl, auth, file, 'doan-vien-bench.xlsx')
    const importPeak = importMemory.stop()
    const importSeconds = imported.totalMs / 1000
    log(
      `import: validated in ${(imported.validateMs / 1000).toFixed(1)} s, committed in ${(imported.commitMs / 1000).toFixed(1)} s, ` +
        `${imported.job.newRows} new members, API peak ${importPeak} MB`,
    )
    results.push({
      scenario: 'import-members-xlsx', requestsPerSec: null, p50Ms: null, p99Ms: null, reference: null, ratioToReference: null,
      rows: IMPORT_ROWS, seconds: Math.round(importSeconds * 10) / 10, rowsPerSec: Math.round(IMPORT_ROWS / importSeconds), peakRssMb: importPeak,
    })
    const exportMemory = sampleMemory(apiPid)
    const exported = await measureExport(baseUrl, auth, `format=xlsx&unionId=${target.id}&status=active`)
    const exportPeak = exportMemory.stop()
    log(`export: ${(exported.bytes / 1024 / 1024).toFixed(1)} MB in ${(exported.ms / 1000).toFixed(1)} s, API peak ${exportPeak} MB`)
    results.push({
      scenario: 'export-members-xlsx', requestsPerSec: null, p50Ms: null, p99Ms: null, reference: null, ratioToReference: null,
      rows: IMPORT_ROWS, seconds: Math.round(exported.ms / 100) / 10, rowsPerSec: Math.round(IMPORT_ROWS / (exported.ms / 1000)), peakRssMb: exportPeak,
    })
  } finally {
    log('removing the imported members')
    await query(
      url,
      `WITH imported AS (SELECT id FROM members WHERE union_id = $1 AND citizen_id LIKE '096%' AND created_at > now() - interval '2 hours'),
            events AS (DELETE FROM member_events WHERE member_id IN (SELECT id FROM imported)),
            cards AS (DELETE FROM membership_cards WHERE member_id IN (SELECT id FROM imported)),
            spans AS (DELETE FROM memberships WHERE member_id IN (SELECT id FROM imported))
       DELETE FROM members WHERE id IN (SELECT id FROM imported)`,
      [target.id],
    )
  }
  return results
}

async function main() {
  if (!existsSync(API_ENTRY)) {
    console.error(`[bench] ${path.relative(ROOT, API_ENTRY)} is missing: run \`pnpm build\` first (pnpm bench does).`)
    process.exit(2)
  }
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'liendoan-bench-'))
  const url = await databaseUrl()
  await ensureFilled(url)

  const [{ id: officerUnionId, path: officerPath, code }] = await query(
    url,
    'SELECT u.id, u.path, u.code FROM users s JOIN unions u ON u.id = s.union_id WHERE lower(s.email) = $1',
    [OFFICER.email],
  )
  const ids = (
    await query(url, `SELECT id FROM unions WHERE path LIKE $1 || '%' AND id <> $2 ORDER BY random() LIMIT 400`, [
      officerPath,
      officerUnionId,
    ])
  ).map((row) => row.id)
  const [{ total }] = await query(url, `SELECT count(*)::int AS total FROM unions WHERE path LIKE $1 || '%'`, [officerPath])
  log(`bench officer at ${code} (${total} unions in scope); ${ids.length} ids to rotate over`)
  const memberIds = (
    await query(url, `SELECT id FROM members TABLESAMPLE SYSTEM (1) WHERE union_path LIKE $1 || '%' LIMIT 400`, [officerPath])
  ).map((row) => row.id)
  // Searches run from the federation itself and from units of each level below it.
  const searchRoots = [
    officerUnionId,
    ...(
      await query(
        url,
        `(SELECT id FROM unions WHERE path LIKE $1 || '%' AND depth = $2 + 1 ORDER BY child_count DESC LIMIT 3)
         UNION ALL
         (SELECT id FROM unions WHERE path LIKE $1 || '%' AND depth = $2 + 2 AND child_count > 0 ORDER BY random() LIMIT 3)`,
        [officerPath, officerPath.split('/').filter(Boolean).length - 1],
      )
    ).map((row) => row.id),
  ]
  log(`${memberIds.length} member ids to rotate over; member search from ${searchRoots.length} units`)

  const apiPort = await freePort()
  const refPort = await freePort()
  log('starting the API and the reference server')
  const api = await startServer(
    'api',
    [API_ENTRY],
    {
      NODE_ENV: 'production',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      JWT_SECRET: `bench-${Math.random().toString(36).slice(2)}-${Date.now()}-not-a-real-secret`,
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // The default (off): counted, the per-account limit halved the read scenarios here (one
      // account's thousands of requests a second all update one counter row).
      API_RATE_LIMIT_PER_MINUTE: '0',
    },
    `http://127.0.0.1:${apiPort}/ready`,
  )
  await startServer(
    'reference',
    [path.join(ROOT, 'bench/reference-server.mjs')],
    { PORT: String(refPort), DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE) },
    `http://127.0.0.1:${refPort}/ready`,
  )

  async function signIn(account) {
    const login = await fetch(`http://127.0.0.1:${apiPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    })
    if (!login.ok) {
      console.error(`[bench] sign-in as ${account.email} failed: ${login.status} ${await login.text()}\n${api.tail()}`)
      throw new Error('sign-in failed')
    }
    const { accessToken } = await login.json()
    return { authorization: `Bearer ${accessToken}` }
  }
  const auth = await signIn(OFFICER)
  const rootAuth = await signIn(ROOT_ADMIN)
  // The two requests the dashboard page makes, for the whole country: figures, and results against targets.
  const thisYear = new Date().getFullYear()
  const dashboardPaths = ['/api/v1/reports/dashboard']
  const resultsPaths = [`/api/v1/reports/results?year=${thisYear}`]

  // One request of each kind first, so a broken route is reported before minutes of load.
  for (const [what, target, headers] of [
    ['reference', `http://127.0.0.1:${refPort}/ref/unions/${ids[0]}`, {}],
    ['GET /api/v1/unions/:id', `http://127.0.0.1:${apiPort}/api/v1/unions/${ids[0]}`, auth],
    ['search', `http://127.0.0.1:${apiPort}/api/v1/unions?under=${officerUnionId}&q=may&limit=50`, auth],
    ['reference member', `http://127.0.0.1:${refPort}/ref/members/${memberIds[0]}`, {}],
    ['GET /api/v1/members/:id', `http://127.0.0.1:${apiPort}/api/v1/members/${memberIds[0]}`, auth],
    ['member search', `http://127.0.0.1:${apiPort}/api/v1/members?under=${officerUnionId}&q=anh&limit=50`, auth],
    ['dashboard', `http://127.0.0.1:${apiPort}${dashboardPaths[0]}`, rootAuth],
    ['results', `http://127.0.0.1:${apiPort}${resultsPaths[0]}`, rootAuth],
  ]) {
    const response = await fetch(target, { headers })
    if (!response.ok) {
      console.error(`[bench] ${what} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
      throw new Error(`${what} is not working`)
    }
  }

  const searchPaths = SEARCH_TERMS.map(
    (term) => `/api/v1/unions?under=${officerUnionId}&q=${encodeURIComponent(term)}&limit=50`,
  )
  const memberSearchPaths = searchRoots.flatMap((root) =>
    MEMBER_SEARCH_TERMS.map((term) => `/api/v1/members?under=${root}&q=${encodeURIComponent(term)}&limit=50`),
  )
  const scenarios = [
    ['reference-get-union', `http://127.0.0.1:${refPort}`, ids.map((id) => `/ref/unions/${id}`), {}, null],
    ['api-get-union', `http://127.0.0.1:${apiPort}`, ids.map((id) => `/api/v1/unions/${id}`), auth, 'reference-get-union'],
    ['api-search-union', `http://127.0.0.1:${apiPort}`, searchPaths, auth, null],
    ['reference-get-member', `http://127.0.0.1:${refPort}`, memberIds.map((id) => `/ref/members/${id}`), {}, null],
    ['api-get-member', `http://127.0.0.1:${apiPort}`, memberIds.map((id) => `/api/v1/members/${id}`), auth, 'reference-get-member'],
    ['api-search-member', `http://127.0.0.1:${apiPort}`, memberSearchPaths, auth, null],
    ['api-dashboard-root', `http://127.0.0.1:${apiPort}`, dashboardPaths, rootAuth, null],
    ['api-results-root', `http://127.0.0.1:${apiPort}`, resultsPaths, rootAuth, null],
  ]
  const measured = new Map()
  const results = []
  for (const [scenario, baseUrl, paths, headers, reference] of scenarios) {
    const measuredAgainst = scenarios.filter((other) => other[4] === scenario).map((other) => other[0])
    if (!selected(scenario, ...measuredAgainst)) continue
    log(`${scenario}: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s`)
    const result = await measure(scenario, baseUrl, paths, headers)
    measured.set(scenario, result)
    const base = reference ? measured.get(reference) : undefined
    results.push({
      scenario,
      requestsPerSec: result.requestsPerSec,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      failures: result.failures,
      reference,
      ratioToReference: base ? Math.round((result.requestsPerSec / base.requestsPerSec) * 1000) / 1000 : null,
    })
  }

  if (selected('import', 'export')) {
    results.push(...(await importAndExport(url, `http://127.0.0.1:${apiPort}`, auth, api.pid, officerPath)))
  }
  printTable(results)
  if (selected('api-search-union')) await searchBreakdown(`http://127.0.0.1:${apiPort}`, searchPaths, auth)
  if (selected('api-search-member')) {
    await searchBreakdown(`http://127.0.0.1:${apiPort}`, memberSearchPaths.slice(0, MEMBER_SEARCH_TERMS.length), auth)
  }
  if (ONLY === null) {
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
    log(`wrote ${path.relative(ROOT, RESULTS)} (${UNIONS} unions, ${CONNECTIONS} connections, ${DURATION} s per scenario)`)
  } else {
    log(`BENCH_ONLY=${ONLY.join(',')}: ${path.relative(ROOT, RESULTS)} left as it was`)
  }
  const misses = results.filter((r) => TARGETS[r.scenario] && !targetMet(r))
  log(misses.length === 0 ? 'all targets met' : `targets missed: ${misses.map((r) => r.scenario).join(', ')} (reported, not asserted)`)
}

try {
  await main()
} catch (error) {
  console.error(`[bench] failed: ${error.message}`)
  process.exitCode = 1
} finally {
  await cleanup()
}
