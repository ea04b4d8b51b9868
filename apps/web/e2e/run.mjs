// Browser journeys against a real API and the built web app.
// Usage: pnpm --filter @liendoan/web test:e2e   (needs Debian's Chromium: apt-get install -y chromium)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const rootDir = resolve(webDir, '../..')
const artifactsDir = join(webDir, 'e2e', 'artifacts')
const apiEntry = join(rootDir, 'apps/api/dist/src/server.js')
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const PASSWORD = 'Liendoan@2026'
const TIMEOUT = 20_000
/** Journeys this script runs; ones that never ran because set-up failed count as failed. */
const JOURNEYS = 8
/** `E2E_ONLY=7` (or `5,7`) runs only those journeys, by their order in this file: for working on one. */
const ONLY = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map(Number)) : null
let journeyCount = 0

const children = []
const results = []
let browser
let dataDir

function log(message) {
  console.log(`[e2e] ${message}`)
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

function start(name, command, args, env, cwd = rootDir) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = []
  const keep = (chunk) => {
    output.push(chunk.toString())
    if (output.length > 200) output.shift()
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited early (code ${code}, signal ${signal})\n${output.join('')}`)
  })
  children.push({ name, child, output })
  return child
}

async function waitFor(url, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = error.cause?.code ?? error.message
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${what} not ready at ${url} after ${timeoutMs / 1000}s (${last})`)
}

async function stopAll() {
  if (browser) await browser.close().catch(() => {})
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done()
          child.stopping = true
          const force = setTimeout(() => child.kill('SIGKILL'), 5000)
          child.once('exit', () => {
            clearTimeout(force)
            done()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

async function step(label, fn) {
  const started = Date.now()
  await fn()
  log(`  ✓ ${label} (${Date.now() - started} ms)`)
}

async function journey(name, page, fn) {
  journeyCount += 1
  if (ONLY && !ONLY.has(journeyCount)) return log(`skipped (E2E_ONLY): ${name}`)
  log(`journey: ${name}`)
  try {
    await fn()
    results.push({ name, ok: true })
    log(`PASS ${name}`)
  } catch (error) {
    results.push({ name, ok: false })
    log(`FAIL ${name}: ${error.stack ?? error}`)
    mkdirSync(artifactsDir, { recursive: true })
    const file = join(artifactsDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    log(`  screenshot: ${file}`)
  }
}

/** Signs in through the browser's sign-in page and waits for the shell. */
async function signIn(page, webUrl, email) {
  await page.goto(`${webUrl}/dang-nhap`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Mật khẩu/).fill(PASSWORD)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByTestId('user-menu').waitFor()
}

/**
 * A member list in the import template's columns, written with exceljs (a dependency
 * of the API, loaded from there as the bench does). The citizen ID column is text,
 * as the template asks, so leading zeros survive.
 */
async function writeMemberSheet(file, rows) {
  const ExcelJS = createRequire(join(rootDir, 'apps/api/package.json'))('exceljs')
  const { MemberSheetColumns } = await import('@liendoan/contracts')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Đoàn viên')
  sheet.columns = MemberSheetColumns.map((column) => ({ header: column.header, key: column.key, width: 20, style: { numFmt: '@' } }))
  for (const row of rows) sheet.addRow(row)
  await workbook.xlsx.writeFile(file)
}

/** A citizen ID with a real province code (001, Hà Nội) and random digits, so reruns never collide. */
function citizenId(provinceCode = '001') {
  return `${provinceCode}${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`
}

async function apiLogin(apiUrl, email) {
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`API login as ${email} failed: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()).accessToken
}

/**
 * A small valid PDF (one page, one line of text) written by hand: the API checks the file's
 * first bytes against its declared type, so the test file must really be a PDF.
 */
function tinyPdf(text) {
  const content = `BT /F1 14 Tf 24 100 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets = objects.map((body, index) => {
    const offset = pdf.length
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
    return offset
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

async function main() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }

  log('building the web app (vite build)')
  run(process.execPath, [join(webDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], webDir)

  if (!existsSync(apiEntry)) {
    log('API build missing: pnpm --filter @liendoan/contracts build && pnpm --filter @liendoan/api build')
    run('pnpm', ['--filter', '@liendoan/contracts', 'build'], rootDir)
    run('pnpm', ['--filter', '@liendoan/api', 'build'], rootDir)
  }

  const [apiPort, webPort] = [await freePort(), await freePort()]
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const webUrl = `http://127.0.0.1:${webPort}`
  dataDir = mkdtempSync(join(tmpdir(), 'liendoan-e2e-'))

  log(`starting API on ${apiUrl} (data in ${dataDir})`)
  start('api', process.execPath, [apiEntry], {
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    JWT_SECRET: randomBytes(36).toString('base64url').slice(0, 48),
    LOG_LEVEL: 'warn',
    CORS_ORIGINS: webUrl,
    DATABASE_URL: '',
    NODE_ENV: 'production',
    // Every journey signs in from 127.0.0.1, more often than the production limit of 10 a minute allows.
    LOGIN_RATE_LIMIT_PER_MINUTE: '600',
    // The journeys reuse the demo accounts back to back, faster than a person clicks.
    API_RATE_LIMIT_PER_MINUTE: '100000',
  })
  await waitFor(`${apiUrl}/ready`, 120_000, 'API')

  log(`starting vite preview on ${webUrl}`)
  start(
    'web',
    process.execPath,
    [join(webDir, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
    { WEB_PORT: String(webPort), API_URL: apiUrl },
    webDir,
  )
  await waitFor(webUrl, 30_000, 'web preview')

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  page.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('officer searches, edits and sees the change after reload', page, async () => {
    await step('sign in as phuctho@liendoan.vn', async () => {
      await page.goto(webUrl)
      await page.waitForURL(/\/dang-nhap/)
      await page.getByLabel('Email').fill('phuctho@liendoan.vn')
      await page.getByLabel(/^Mật khẩu/).fill(PASSWORD)
      await page.getByLabel(/^Mật khẩu/).press('Enter')
      await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'))
      await page.getByTestId('user-menu').waitFor()
    })

    await step('search "phuc tho" without diacritics finds "Phúc Thọ"', async () => {
      await page.getByRole('link', { name: 'Công đoàn', exact: true }).click()
      await page.waitForURL(/\/unions$/)
      await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('phuc tho')
      await page.waitForURL(/q=phuc\+tho/)
      await page.getByTestId('union-rows').locator('a', { hasText: 'Phúc Thọ' }).first().waitFor()
    })

    const address = `Số ${Date.now() % 100000} đường Phúc Thọ, Hà Nội`
    await step('open a result and edit its address', async () => {
      const link = page.getByTestId('union-rows').locator('a', { hasText: 'Phúc Thọ' }).first()
      const name = (await link.innerText()).trim()
      await link.click()
      await page.waitForURL(/\/unions\/[0-9a-f-]{36}$/)
      await page.getByRole('heading', { name, exact: true }).waitFor()
      await page.getByRole('link', { name: 'Sửa', exact: true }).click()
      await page.waitForURL(/\/edit$/)
      await page.getByLabel('Địa chỉ').fill(address)
      await page.getByRole('button', { name: 'Lưu', exact: true }).click()
      await page.waitForURL(/\/unions\/[0-9a-f-]{36}$/)
      await page.getByTestId('field-address').filter({ hasText: address }).waitFor()
    })

    await step('reload keeps the session and shows the saved value', async () => {
      await page.reload()
      await page.getByTestId('field-address').filter({ hasText: address }).waitFor()
    })
  })

  await journey('a union outside the officer’s scope shows "Không tìm thấy"', page, async () => {
    let foreignId
    await step('find a Thanh Trì union id as admin through the API', async () => {
      const token = await apiLogin(apiUrl, 'admin@liendoan.vn')
      const response = await fetch(`${apiUrl}/api/v1/unions?q=${encodeURIComponent('thanh tri')}&limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      })
      if (!response.ok) throw new Error(`GET /unions failed: HTTP ${response.status}`)
      const body = await response.json()
      foreignId = body.items[0]?.id
      if (!foreignId) throw new Error('no union matches "thanh tri" in the demo data')
      log(`    ${body.items[0].name} (${foreignId})`)
    })

    await step('open its URL as the Phúc Thọ officer', async () => {
      await page.goto(`${webUrl}/unions/${foreignId}`)
      await page.getByTestId('user-menu').waitFor()
      await page.getByRole('heading', { name: 'Không tìm thấy' }).waitFor()
    })
  })

  await context.close()

  // A fresh context: the Phúc Thọ officer's own session for the members journey.
  const membersContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  membersContext.setDefaultTimeout(TIMEOUT)
  const membersPage = await membersContext.newPage()
  membersPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('officer imports a sheet, fixes the bad row, finds a new member without diacritics and transfers him', membersPage, async () => {
    const page = membersPage
    let home
    let destination
    await step('find two grassroots unions of Phúc Thọ through the API', async () => {
      const token = await apiLogin(apiUrl, 'phuctho@liendoan.vn')
      const headers = { authorization: `Bearer ${token}` }
      const me = await (await fetch(`${apiUrl}/api/v1/me`, { headers })).json()
      const response = await fetch(`${apiUrl}/api/v1/unions?under=${me.unionId}&grassroots=true&status=active&limit=2`, { headers })
      if (!response.ok) throw new Error(`GET /unions failed: HTTP ${response.status}`)
      ;[home, destination] = (await response.json()).items
      if (!home || !destination) throw new Error('the demo data has fewer than two grassroots unions under Phúc Thọ')
      log(`    from ${home.name} (${home.code}) to ${destination.name} (${destination.code})`)
    })

    const sheets = mkdtempSync(join(tmpdir(), 'liendoan-e2e-sheets-'))
    const hung = { fullName: 'Trần Văn Hùng', dateOfBirth: '12/05/1990', gender: 'Nam', citizenId: citizenId(), phone: '0912345678', ethnicity: 'Kinh', occupation: 'Công nhân may', admittedOn: '01/03/2015' }
    const lan = { fullName: 'Nguyễn Thị Lan', dateOfBirth: '31/02/1990', gender: 'Nữ', citizenId: citizenId(), ethnicity: 'Kinh', occupation: 'Kế toán', admittedOn: '15/06/2018' }
    const badFile = join(sheets, 'doan-vien-co-loi.xlsx')
    const goodFile = join(sheets, 'doan-vien.xlsx')
    await writeMemberSheet(badFile, [hung, lan])
    await writeMemberSheet(goodFile, [hung, { ...lan, dateOfBirth: '28/02/1990' }])

    try {
      await step('sign in as phuctho@liendoan.vn and open the import wizard from the member list', async () => {
        await signIn(page, webUrl, 'phuctho@liendoan.vn')
        await page.getByRole('link', { name: 'Đoàn viên', exact: true }).click()
        await page.waitForURL(/\/members$/)
        await page.getByRole('link', { name: 'Nhập từ Excel' }).click()
        await page.waitForURL(/\/members\/import/)
        await page.getByRole('textbox', { name: /Công đoàn cơ sở mặc định/ }).fill(home.code)
        await page.getByRole('option', { name: new RegExp(`\\(${home.code}\\)`) }).click()
        await page.waitForURL(new RegExp(`unionId=${home.id}`))
      })

      await step('a sheet with an impossible date of birth shows the bad cell on its row', async () => {
        await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles(badFile)
        await page.getByTestId('import-invalid').waitFor()
        // Row 1 is the header: Nguyễn Thị Lan is row 3 of the sheet.
        const badRow = page.getByTestId('import-error-grid').locator('tr[data-row="3"]')
        await badRow.locator('[data-bad-cell="Ngày sinh"]').getByText('31/02/1990').waitFor()
        if ((await page.getByTestId('import-error-grid').locator('tr[data-row="2"]').count()) !== 0) {
          throw new Error('the valid row 2 (Trần Văn Hùng) is reported as bad')
        }
      })

      await step('the fixed sheet passes the dry run and is committed', async () => {
        await page.getByRole('button', { name: 'Sửa tệp và tải lên lại' }).click()
        await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles(goodFile)
        await page.getByTestId('import-valid').waitFor()
        await page.getByTestId('import-counts').getByText('2', { exact: true }).first().waitFor()
        await page.getByTestId('import-commit').click()
        await page.getByTestId('import-result').waitFor({ timeout: 60_000 })
        await page.getByTestId('import-result').getByText('Đã thêm 2 đoàn viên mới', { exact: false }).waitFor()
      })

      let memberUrl
      await step('typing "tran van hung" in the union’s member list finds Trần Văn Hùng', async () => {
        await page.getByRole('link', { name: `Xem đoàn viên của ${home.name}` }).click()
        await page.waitForURL(new RegExp(`/members\\?under=${home.id}`))
        await page.getByTestId('member-search').fill('tran van hung')
        await page.waitForURL(/q=tran\+van\+hung/)
        const link = page.getByTestId('member-rows').getByRole('link', { name: 'Trần Văn Hùng', exact: true })
        await link.click()
        await page.waitForURL(/\/members\/[0-9a-f-]{36}$/)
        memberUrl = page.url()
        await page.getByRole('heading', { name: /Trần Văn Hùng/ }).waitFor()
        await page.getByTestId('field-union').filter({ hasText: home.name }).waitFor()
        await page.getByTestId('member-timeline').locator('[data-kind="admitted"]').waitFor()
      })

      await step('transfer him to another grassroots union in scope: a direct move', async () => {
        await page.getByRole('button', { name: 'Chuyển sinh hoạt', exact: true }).click()
        const dialog = page.getByRole('dialog')
        await dialog.getByRole('textbox', { name: /Công đoàn cơ sở tiếp nhận/ }).fill(destination.code)
        await page.getByRole('option', { name: new RegExp(`\\(${destination.code}\\)`) }).click()
        await dialog.getByTestId('transfer-kind').getByText('Chuyển trực tiếp').waitFor()
        await dialog.getByRole('textbox', { name: /Lý do/ }).fill('Chuyển công tác')
        await dialog.getByRole('button', { name: 'Xác nhận chuyển' }).click()
        await dialog.waitFor({ state: 'detached' })
      })

      await step('the record shows the new union and the timeline a "transferred" entry, also after a reload', async () => {
        await page.getByTestId('field-union').filter({ hasText: destination.name }).waitFor()
        const moved = page.getByTestId('member-timeline').locator('[data-kind="transferred"]')
        await moved.getByText('Chuyển sinh hoạt công đoàn').waitFor()
        await moved.getByText(`Từ ${home.name} sang ${destination.name}`).waitFor()
        await page.goto(memberUrl)
        await page.getByTestId('member-timeline').locator('[data-kind="transferred"]').waitFor()
      })
    } finally {
      rmSync(sheets, { recursive: true, force: true })
    }
  })

  await membersContext.close()

  // A fresh context: the admin signs in on a clean browser, not over the officer's session.
  const adminContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  adminContext.setDefaultTimeout(TIMEOUT)
  const adminPage = await adminContext.newPage()
  adminPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('admin moves a grassroots union from Phúc Thọ to Thanh Trì after a preview', adminPage, async () => {
    const page = adminPage
    await step('sign in as admin@liendoan.vn', async () => {
      await page.goto(`${webUrl}/dang-nhap`)
      await page.getByLabel('Email').fill('admin@liendoan.vn')
      await page.getByLabel(/^Mật khẩu/).fill(PASSWORD)
      await page.getByRole('button', { name: 'Đăng nhập' }).click()
      await page.getByTestId('user-menu').waitFor()
    })

    let name
    await step('open a grassroots union under LĐLĐ huyện Phúc Thọ', async () => {
      await page.getByRole('link', { name: 'Công đoàn', exact: true }).click()
      await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('LĐLĐ huyện Phúc Thọ')
      await page.getByTestId('union-rows').locator('a', { hasText: /^LĐLĐ huyện Phúc Thọ$/ }).click()
      await page.getByRole('heading', { name: 'LĐLĐ huyện Phúc Thọ', exact: true }).waitFor()
      // Not the first rows: the first journey may have edited one of them.
      const child = page.locator('table a[href^="/unions/"]').nth(5)
      name = (await child.innerText()).trim()
      await child.click()
      await page.getByRole('heading', { name, exact: true }).waitFor()
      await page.getByTestId('field-parent').filter({ hasText: 'LĐLĐ huyện Phúc Thọ' }).waitFor()
      log(`    ${name}`)
    })

    await step('move it under LĐLĐ huyện Thanh Trì from today, preview, confirm', async () => {
      await page.getByRole('button', { name: 'Thao tác' }).click()
      await page.getByRole('menuitem', { name: 'Chuyển đơn vị cấp trên' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('textbox', { name: /Đơn vị cấp trên mới/ }).fill('thanh tri')
      await page.getByRole('option', { name: /^LĐLĐ huyện Thanh Trì/ }).click()
      const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-')
      const today = `${day}/${month}/${year}`
      const date = dialog.getByRole('textbox', { name: /Ngày hiệu lực/ })
      await date.fill(today)
      await date.press('Tab')
      await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click()
      const preview = page.getByTestId('restructure-preview')
      await preview.getByText('Số đơn vị bị ảnh hưởng: 1').waitFor()
      if ((await date.inputValue()) !== today) throw new Error(`effective date shows ${await date.inputValue()}, expected ${today}`)
      await dialog.getByRole('button', { name: 'Xác nhận chuyển' }).click()
      await dialog.waitFor({ state: 'detached' })
    })

    await step('the detail shows the new parent and the history a "moved" entry', async () => {
      await page.getByTestId('field-parent').filter({ hasText: 'LĐLĐ huyện Thanh Trì' }).waitFor()
      await page.getByRole('navigation', { name: 'Đơn vị cấp trên' }).getByText('LĐLĐ huyện Thanh Trì').waitFor()
      await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click()
      const moved = page.getByTestId('union-history').locator('[data-kind="moved"]')
      await moved.getByText('Chuyển đơn vị cấp trên').waitFor()
      await moved.getByText('Từ LĐLĐ huyện Phúc Thọ sang LĐLĐ huyện Thanh Trì').waitFor()
    })
  })

  await adminContext.close()

  // A fresh context: the Phúc Thọ officer runs a training class from creation to certificate.
  const trainingContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  trainingContext.setDefaultTimeout(TIMEOUT)
  const trainingPage = await trainingContext.newPage()
  trainingPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('officer runs a class: bulk-enrols an untrained chairperson, takes attendance from the keyboard, enters results, completes it and sees the certificate and the coverage rise', trainingPage, async () => {
    const page = trainingPage
    const vnDate = (iso) => iso.split('-').reverse().join('/')
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const year = Number(today.slice(0, 4))
    const title = `Tập huấn Bộ luật Lao động cho chủ tịch CĐCS ${Date.now() % 100000}`
    let topic
    let chair
    let other
    let certifiedBefore
    let headers

    await step('find an untrained chairperson of a non-state grassroots union under Phúc Thọ and a second member of the same union', async () => {
      headers = { authorization: `Bearer ${await apiLogin(apiUrl, 'phuctho@liendoan.vn')}` }
      const topics = await (await fetch(`${apiUrl}/api/v1/training-topics`, { headers })).json()
      topic = topics.items.find((item) => item.code === 'labour_code_2019')
      if (!topic) throw new Error('no labour_code_2019 training topic')
      const group = `topicId=${topic.id}&position=chairperson&sector=non_state&grassroots=true`
      const missing = await fetch(`${apiUrl}/api/v1/reports/trainings/coverage/missing?${group}&year=${year}&limit=1`, { headers })
      if (!missing.ok) throw new Error(`coverage/missing: HTTP ${missing.status} ${await missing.text()}`)
      chair = (await missing.json()).items[0]
      if (!chair) throw new Error('every chairperson in Phúc Thọ already holds the certificate')
      const coverage = await (await fetch(`${apiUrl}/api/v1/reports/trainings/coverage?${group}&fromYear=${year}&toYear=${year}`, { headers })).json()
      certifiedBefore = coverage.years[0].certified
      const members = await (await fetch(`${apiUrl}/api/v1/members?unionId=${chair.union.id}&status=active&limit=10`, { headers })).json()
      other = members.items.find((member) => member.id !== chair.memberId)
      if (!other) throw new Error(`no second member in ${chair.union.name}`)
      log(`    ${chair.fullName} (${chair.union.name}), ${other.fullName}; certified this year before: ${certifiedBefore}`)
    })

    await step('sign in and create a class with two sessions (yesterday and today)', async () => {
      await signIn(page, webUrl, 'phuctho@liendoan.vn')
      await page.getByRole('link', { name: 'Tập huấn', exact: true }).click()
      await page.waitForURL(/\/trainings$/)
      await page.getByRole('link', { name: 'Mở lớp mới' }).click()
      await page.waitForURL(/\/trainings\/new$/)
      const form = page.getByTestId('training-form')
      await form.getByRole('textbox', { name: /^Tên lớp/ }).fill(title)
      await form.getByRole('textbox', { name: /^Chuyên đề/ }).click()
      await page.getByRole('option', { name: topic.name }).click()
      await form.getByRole('textbox', { name: /^Chức danh/ }).click()
      await page.getByRole('option', { name: 'Chủ tịch', exact: true }).click()
      await form.getByRole('textbox', { name: /^Khu vực của công đoàn/ }).click()
      await page.getByRole('option', { name: 'Ngoài khu vực nhà nước' }).click()
      const first = form.getByRole('textbox', { name: /^Ngày 1/ })
      await first.fill(vnDate(yesterday))
      await first.press('Tab')
      await form.getByTestId('session-row-0').getByRole('textbox', { name: /^Địa điểm/ }).fill('Hội trường LĐLĐ huyện Phúc Thọ')
      await form.getByRole('button', { name: 'Thêm buổi học' }).click()
      const second = form.getByRole('textbox', { name: /^Ngày 2/ })
      await second.fill(vnDate(today))
      await second.press('Tab')
      await form.getByRole('textbox', { name: /^Số chỗ/ }).fill('10')
      // The organiser defaults to the officer's own union.
      const organiser = form.getByRole('textbox', { name: /^Đơn vị tổ chức/ })
      for (let tries = 0; !/Phúc Thọ/.test(await organiser.inputValue()); tries++) {
        if (tries > 40) throw new Error(`organiser shows "${await organiser.inputValue()}", expected the officer's union`)
        await page.waitForTimeout(250)
      }
      await form.getByRole('button', { name: 'Lưu', exact: true }).click()
      await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/)
      await page.getByRole('heading', { name: title }).waitFor()
      await page.getByTestId('training-sessions').getByText(vnDate(yesterday)).waitFor()
    })

    await step('open enrolment, bulk-enrol the untrained chairperson of the union, enrol a second member one by one', async () => {
      await page.getByTestId('status-open').click()
      await page.getByText('Đang ghi danh', { exact: true }).first().waitFor()
      const bulk = page.getByTestId('bulk-enrol')
      await bulk.getByRole('textbox', { name: /^Thuộc đơn vị/ }).fill(chair.union.code)
      await page.getByRole('option', { name: new RegExp(`\\(${chair.union.code}\\)`) }).click()
      await bulk.getByTestId('bulk-preview').click()
      await bulk.getByTestId('bulk-candidates').getByText('1 người chưa có trong lớp').waitFor()
      await bulk.getByTestId('bulk-candidates').getByText(chair.fullName, { exact: false }).waitFor()
      await bulk.getByTestId('bulk-enrol-submit').click()
      await page.getByTestId('participant-rows').locator(`tr[data-participant="${chair.fullName}"]`).waitFor()
      await page.getByRole('textbox', { name: /^Đoàn viên/ }).fill(other.fullName)
      await page.getByRole('option', { name: new RegExp(`^${other.fullName} \\(`) }).first().click()
      await page.getByRole('button', { name: 'Ghi danh', exact: true }).click()
      await page.getByTestId('participant-rows').locator(`tr[data-participant="${other.fullName}"]`).waitFor()
      await page.getByTestId('field-enrolled').getByText('2/10').waitFor()
    })

    await step('start the class and take attendance of both sessions from the keyboard', async () => {
      await page.getByTestId('status-running').click()
      await page.getByText('Đang học', { exact: true }).first().waitFor()
      await page.getByRole('tab', { name: 'Điểm danh' }).click()
      // Today's session opens first: both present (space, arrow down, space), saved with Ctrl+S.
      const sheet = page.getByTestId('attendance-sheet')
      await sheet.locator('[data-row="0"]').focus()
      await page.keyboard.press('Space')
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Space')
      await page.getByTestId('attendance-count').getByText('Có mặt 2/2').waitFor()
      await page.keyboard.press('Control+s')
      await page.getByText('Đã lưu điểm danh: 2 có mặt, 0 vắng').waitFor()
      // Yesterday's session: only the chairperson came.
      await page.getByTestId('attendance-session').click()
      await page.getByRole('option', { name: new RegExp(`^1\\. ${vnDate(yesterday)}`) }).click()
      const box = page.getByTestId('attendance-sheet').getByRole('checkbox', { name: chair.fullName })
      await box.focus()
      await page.keyboard.press('Space')
      if ((await box.getAttribute('aria-checked')) !== 'true') throw new Error('space did not mark the chairperson present')
      await page.keyboard.press('Control+s')
      await page.getByText('Đã lưu điểm danh: 1 có mặt, 1 vắng').waitFor()
    })

    await step('enter the test scores down the column and see the expected outcome', async () => {
      await page.getByRole('tab', { name: 'Kết quả' }).click()
      const sheet = page.getByTestId('results-sheet')
      await sheet.locator('tr[data-participant]').nth(1).waitFor()
      // Rows are in name order: type the first score, Enter moves down, type the second.
      const names = await sheet.locator('tr[data-participant]').evaluateAll((rows) => rows.map((row) => row.dataset.participant))
      const scores = names.map((name) => (name === chair.fullName ? '85' : '40'))
      await sheet.getByRole('textbox').first().focus()
      await page.keyboard.type(scores[0])
      await page.keyboard.press('Enter')
      await page.keyboard.type(scores[1])
      await sheet.locator(`tr[data-participant="${chair.fullName}"]`).getByText('Hoàn thành (dự kiến)').waitFor()
      await sheet.locator(`tr[data-participant="${other.fullName}"]`).getByText('Chưa hoàn thành (dự kiến)').waitFor()
      await page.getByTestId('results-save').click()
      await page.getByText('Đã lưu điểm của 2 học viên').waitFor()
    })

    let code
    await step('complete the class: a certificate is issued to the chairperson only, with a verification code and a printable PDF', async () => {
      await page.getByTestId('status-completed').click()
      await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click()
      await page.getByTestId('field-completed').getByText('1 học viên hoàn thành, 1 giấy chứng nhận đã cấp').waitFor()
      await page.getByRole('tab', { name: 'Giấy chứng nhận' }).click()
      const row = page.getByTestId('certificate-rows').locator(`tr[data-holder="${chair.fullName}"]`)
      const number = (await row.getByTestId('certificate-number').innerText()).trim()
      if (!/^CCTH-\d{4}-\d{6}$/.test(number)) throw new Error(`unexpected certificate number ${number}`)
      code = (await row.getByTestId('certificate-code').innerText()).trim()
      if ((await page.getByTestId('certificate-rows').locator('tr').count()) !== 1) throw new Error('expected exactly one certificate')
      const verified = await fetch(`${apiUrl}/api/v1/certificates/verify/${encodeURIComponent(code)}`)
      const body = await verified.json()
      if (!verified.ok || body.holderName !== chair.fullName || body.classTitle !== title) {
        throw new Error(`verification of ${code} answered ${verified.status} ${JSON.stringify(body)}`)
      }
      const pdf = page.waitForResponse((response) => response.url().endsWith('/pdf'))
      const popup = page.waitForEvent('popup')
      await row.getByRole('button', { name: 'In' }).click()
      const response = await pdf
      if (response.status() !== 200 || !(response.headers()['content-type'] ?? '').includes('application/pdf')) {
        throw new Error(`certificate PDF answered ${response.status()} ${response.headers()['content-type']}`)
      }
      await (await popup).close()
      log(`    ${number}, verification code ${code}`)
    })

    await step('the public verification page confirms the code with the holder, the class and the date only', async () => {
      const publicPage = await browser.newPage({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
      try {
        await publicPage.goto(`${webUrl}/xac-thuc-chung-nhan`)
        await publicPage.getByRole('textbox', { name: 'Mã xác thực' }).fill(code.toLowerCase().replace(/-/g, ' '))
        await publicPage.getByRole('button', { name: 'Kiểm tra' }).click()
        const result = publicPage.getByTestId('verification-result')
        await result.getByText('Giấy chứng nhận hợp lệ').waitFor({ timeout: TIMEOUT })
        await result.getByText(chair.fullName).waitFor({ timeout: TIMEOUT })
        await result.getByText(title).waitFor({ timeout: TIMEOUT })
        await result.getByText(`Ngày cấp: ${vnDate(today)}`).waitFor({ timeout: TIMEOUT })
      } finally {
        await publicPage.close()
      }
    })

    await step('the coverage report counts one more certified chairperson this year', async () => {
      await page.getByRole('link', { name: 'Báo cáo tập huấn', exact: true }).click()
      await page.waitForURL(/\/trainings\/coverage/)
      await page.getByRole('textbox', { name: /^Chuyên đề/ }).click()
      await page.getByRole('option', { name: topic.name }).click()
      const row = page.getByTestId('coverage-table').locator(`tr[data-year="${year}"]`)
      await row.getByTestId('coverage-certified').getByText(new Intl.NumberFormat('vi-VN').format(certifiedBefore + 1), { exact: true }).waitFor()
      await page.getByTestId('coverage-chart').waitFor()
    })

    await step('the chairperson’s member page lists the class and the certificate', async () => {
      await page.goto(`${webUrl}/members/${chair.memberId}`)
      const history = page.getByTestId('member-trainings')
      await history.getByRole('link', { name: title }).waitFor()
      await history.getByTestId('history-certificate').getByText(/CCTH-/).waitFor()
    })
  })

  await trainingContext.close()

  // A fresh context: the Phúc Thọ federation officer registers a collective agreement end to end.
  const agreementContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  agreementContext.setDefaultTimeout(TIMEOUT)
  const agreementPage = await agreementContext.newPage()
  agreementPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('federation officer registers a signed agreement with its PDF, registers and grades it A, brings it into force and finds the union covered in the report', agreementPage, async () => {
    const page = agreementPage
    const vnDate = (iso) => iso.split('-').reverse().join('/')
    const shift = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
    const signedOn = shift(today, -20)
    const effectiveOn = shift(today, -10)
    // The last day of a three-year term: the day before the same date three years on.
    const expiresOn = shift(`${Number(effectiveOn.slice(0, 4)) + 3}${effectiveOn.slice(4)}`.replace(/-02-29$/, '-02-28'), -1)
    const title = `Thỏa ước lao động tập thể ${Date.now() % 100000}`
    const number = (value) => new Intl.NumberFormat('vi-VN').format(value)
    let union
    let coveredBefore
    let headers

    await step('find an active grassroots union under Phúc Thọ with no agreement in force or on its way', async () => {
      headers = { authorization: `Bearer ${await apiLogin(apiUrl, 'phuctho@liendoan.vn')}` }
      const coverage = await fetch(`${apiUrl}/api/v1/reports/agreements/coverage?asOf=${today}`, { headers })
      if (!coverage.ok) throw new Error(`coverage: HTTP ${coverage.status} ${await coverage.text()}`)
      coveredBefore = (await coverage.json()).rows.find((row) => row.sector === null).covered
      const uncovered = await fetch(`${apiUrl}/api/v1/reports/agreements/coverage/unions?covered=false&asOf=${today}&limit=100`, { headers })
      if (!uncovered.ok) throw new Error(`coverage/unions: HTTP ${uncovered.status} ${await uncovered.text()}`)
      for (const { union: candidate } of (await uncovered.json()).items) {
        const pending = await (await fetch(`${apiUrl}/api/v1/agreements?unionId=${candidate.id}&status=negotiating&status=signed&status=registered&limit=1`, { headers })).json()
        const record = await (await fetch(`${apiUrl}/api/v1/unions/${candidate.id}`, { headers })).json()
        if (pending.items.length === 0 && record.employerName && record.status === 'active') {
          union = record
          break
        }
      }
      if (!union) throw new Error('no grassroots union under Phúc Thọ is free of agreements')
      log(`    ${union.name} (${union.code}), employer ${union.employerName}; covered before: ${coveredBefore}`)
    })

    const files = mkdtempSync(join(tmpdir(), 'liendoan-e2e-agreement-'))
    const pdfFile = join(files, 'thoa-uoc-lao-dong-tap-the.pdf')
    writeFileSync(pdfFile, tinyPdf('Thoa uoc lao dong tap the'))
    try {
      await step('sign in and open "register an agreement" from the union’s Thỏa ước tab: the employer comes from the union', async () => {
        await signIn(page, webUrl, 'phuctho@liendoan.vn')
        await page.goto(`${webUrl}/unions/${union.id}`)
        await page.getByRole('tab', { name: 'Thỏa ước' }).click()
        await page.getByTestId('union-agreements').getByRole('link', { name: 'Đăng ký thỏa ước cho công đoàn này' }).click()
        await page.waitForURL(/\/agreements\/new\?unionId=/)
        const form = page.getByTestId('agreement-form')
        const picked = form.getByRole('textbox', { name: /^Công đoàn cơ sở/ })
        for (let tries = 0; !(await picked.inputValue()).includes(union.code); tries++) {
          if (tries > 40) throw new Error(`the union picker shows "${await picked.inputValue()}", expected ${union.code}`)
          await page.waitForTimeout(250)
        }
        const employer = form.getByRole('textbox', { name: /^Người sử dụng lao động/ })
        for (let tries = 0; (await employer.inputValue()) !== union.employerName; tries++) {
          if (tries > 40) throw new Error(`employer shows "${await employer.inputValue()}", expected "${union.employerName}"`)
          await page.waitForTimeout(250)
        }
      })

      await step('fill the agreement: a term over three years is warned about while typing, the 3-year button fixes it; terms in vi-VN figures', async () => {
        const form = page.getByTestId('agreement-form')
        await form.getByRole('textbox', { name: /^Tên thỏa ước/ }).fill(title)
        await form.getByRole('textbox', { name: /^Số người lao động được áp dụng/ }).fill('250')
        for (const [label, value] of [[/^Ngày ký kết/, signedOn], [/^Ngày có hiệu lực/, effectiveOn], [/^Ngày hết hạn/, shift(effectiveOn, 4 * 365)]]) {
          const input = form.getByRole('textbox', { name: label })
          await input.fill(vnDate(value))
          await input.press('Tab')
        }
        await form.getByTestId('dates-warning').getByText(/không quá 3 năm/).waitFor()
        await form.getByRole('button', { name: 'Thời hạn 3 năm' }).click()
        await form.getByTestId('dates-warning').waitFor({ state: 'detached' })
        await form.getByRole('textbox', { name: /^Lương cao hơn lương tối thiểu vùng/ }).fill('8')
        await form.getByRole('textbox', { name: /^Thưởng Tết/ }).fill('1,5')
        const meal = form.getByRole('textbox', { name: /^Tiền ăn giữa ca/ })
        await meal.fill('30000')
        await meal.press('Tab')
        if ((await meal.inputValue()) !== '30.000 ₫') throw new Error(`meal allowance shows "${await meal.inputValue()}", expected "30.000 ₫"`)
        await form.getByRole('button', { name: 'Thêm phụ cấp' }).click()
        await form.getByTestId('allowance-row-0').getByRole('textbox', { name: /^Tên phụ cấp 1/ }).fill('Phụ cấp nhà ở')
        await form.getByTestId('allowance-row-0').getByRole('textbox', { name: /^Số tiền mỗi tháng/ }).fill('500000')
        await form.getByRole('checkbox', { name: 'Bảo hiểm ngoài các chế độ bắt buộc' }).check()
        await form.getByTestId('favourable-count').getByText('Số nội dung có lợi hơn luật: 5').waitFor()
        await form.getByRole('button', { name: 'Lưu', exact: true }).click()
        await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/)
        await page.getByRole('heading', { name: title }).waitFor()
        await page.getByTestId('agreement-status').getByText('Đã ký kết').waitFor()
        await page.getByTestId('field-term').getByText(`${vnDate(effectiveOn)} – ${vnDate(expiresOn)}`).waitFor()
        await page.getByTestId('agreement-terms').getByText('1,5 tháng lương').waitFor()
        await page.getByTestId('agreement-terms').getByText('30.000 ₫').waitFor()
      })

      await step('upload the signed text as a PDF: it is listed with its type and size', async () => {
        await page.getByRole('tab', { name: /^Văn bản/ }).click()
        await page.getByTestId('document-dropzone').locator('input[type=file]').setInputFiles(pdfFile)
        const row = page.getByTestId('document-rows').locator('tr[data-file="thoa-uoc-lao-dong-tap-the.pdf"]')
        await row.getByText('Văn bản thỏa ước').waitFor()
        await page.getByRole('tab', { name: 'Văn bản (1)' }).waitFor()
      })

      await step('register it with the federation, then grade it A beside the criteria and its five favourable terms', async () => {
        await page.getByTestId('action-register').click()
        let dialog = page.getByRole('dialog')
        await dialog.getByRole('textbox', { name: /^Số đăng ký/ }).fill(`${Date.now() % 1000}/ĐK-LĐLĐ`)
        await dialog.getByRole('button', { name: 'Đăng ký' }).click()
        await dialog.waitFor({ state: 'detached' })
        await page.getByTestId('agreement-status').getByText('Đã đăng ký').waitFor()
        await page.getByTestId('action-grade').click()
        dialog = page.getByRole('dialog')
        await dialog.getByTestId('grade-favourable').getByText('Thỏa ước này có 5 nội dung có lợi').waitFor()
        await dialog.getByTestId('grade-favourable').getByText('Gợi ý theo số nội dung có lợi: Loại A').waitFor()
        await dialog.getByText('Có từ 5 nội dung có lợi hơn', { exact: false }).waitFor()
        await dialog.getByRole('radio', { name: 'Loại A' }).click()
        await dialog.getByRole('button', { name: 'Xếp loại' }).click()
        await dialog.waitFor({ state: 'detached' })
        await page.getByTestId('field-grade').getByText(/^Loại A · /).waitFor()
      })

      await step('bring it into force from its effective date; the timeline shows each step', async () => {
        await page.getByTestId('action-bringIntoForce').click()
        const dialog = page.getByRole('dialog')
        await dialog.getByRole('button', { name: 'Đưa vào hiệu lực' }).click()
        await dialog.waitFor({ state: 'detached' })
        await page.getByTestId('agreement-status').getByText('Có hiệu lực').waitFor()
        await page.getByTestId('field-in-force').getByText(vnDate(effectiveOn)).waitFor()
        await page.getByRole('tab', { name: 'Quá trình' }).click()
        const timeline = page.getByTestId('agreement-timeline')
        for (const kind of ['created', 'document_added', 'registered', 'graded', 'in_force']) await timeline.locator(`[data-kind="${kind}"]`).first().waitFor()
      })

      await step('the coverage report counts one more covered union, lists it among the covered with its agreement and grade A', async () => {
        await page.getByRole('link', { name: 'Báo cáo thỏa ước', exact: true }).click()
        await page.waitForURL(/\/agreements\/reports/)
        await page.getByTestId('coverage-chart').waitFor()
        const total = page.getByTestId('coverage-table').locator('tr[data-sector="all"]')
        await total.getByTestId('coverage-covered').getByText(number(coveredBefore + 1), { exact: true }).waitFor()
        await total.getByTestId('drill-covered').click()
        const list = page.getByTestId('coverage-unions')
        const row = list.locator(`tr[data-union="${union.code}"]`)
        for (let pages = 0; (await row.count()) === 0; pages++) {
          if (pages > 40) throw new Error(`${union.code} is not among the covered unions`)
          const more = list.getByRole('button', { name: 'Tải thêm' })
          if (await more.count()) await more.click()
          else await page.waitForTimeout(250)
        }
        await row.getByRole('link', { name: title }).waitFor()
        await row.locator('[data-grade="A"]').waitFor()
        await page.getByTestId('grade-table').locator('tr[data-grade="A"]').waitFor()
      })

      await step('the agreements list finds it without diacritics, and the expiring-soon view does not list it', async () => {
        await page.getByRole('link', { name: 'Thỏa ước lao động tập thể', exact: true }).click()
        await page.waitForURL(/\/agreements$/)
        await page.getByTestId('agreement-search').fill(title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase())
        // The search is sent once typing pauses; the agreement may already be on the unfiltered first page.
        await page.waitForURL(/q=thoa\+uoc/)
        await page.getByTestId('agreement-rows').locator('tr').first().getByRole('link', { name: title }).waitFor()
        await page.getByTestId('agreement-view').getByText('Sắp hết hạn').click()
        await page.waitForURL(/view=expiring/)
        await page.getByText('Không có thỏa ước nào hết hạn trong 30 ngày tới.').waitFor()
      })
    } finally {
      rmSync(files, { recursive: true, force: true })
    }
  })

  await agreementContext.close()

  // A fresh context: the collective-agreement scheme from both sides of maker-checker.
  const supportContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  supportContext.setDefaultTimeout(TIMEOUT)
  const supportPage = await supportContext.newPage()
  supportPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('district officer proposes grade-A agreements from the candidates list; the city officer approves them, records a disbursement, and the remaining budget falls by exactly the amounts', supportPage, async () => {
    const page = supportPage
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
    const money = (value) => `${new Intl.NumberFormat('vi-VN').format(value)} ₫`
    let program
    let picks = []
    let gradeA

    /** The programme's figures as the page shows them (each figure carries its exact integer). */
    const figures = async () => {
      const card = page.getByTestId('program-figures')
      await card.waitFor()
      const read = async (name) => Number(await card.getByTestId(`figure-${name}`).getAttribute('data-value'))
      return { budget: await read('budget'), proposed: await read('proposed'), approved: await read('approved'), disbursed: await read('disbursed'), remaining: await read('remaining') }
    }
    /** Waits until the figures (refetched after a change) match what is expected. */
    const figuresBecome = async (expected, what) => {
      let last
      for (let tries = 0; tries < 80; tries++) {
        last = await figures()
        if (Object.entries(expected).every(([key, value]) => last[key] === value)) return last
        await page.waitForTimeout(250)
      }
      throw new Error(`${what}: figures are ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`)
    }
    /** A row of a paged table, clicking "Tải thêm" until it shows. */
    const rowIn = async (table, selector) => {
      const row = table.locator(selector)
      for (let pages = 0; (await row.count()) === 0; pages++) {
        if (pages > 40) throw new Error(`no row ${selector}`)
        const more = page.getByRole('button', { name: 'Tải thêm' })
        if (await more.count()) await more.first().click()
        else await page.waitForTimeout(250)
      }
      return row
    }

    await step('find the collective-agreement scheme and grade-A candidates of Phúc Thọ through the API (grading an in-force agreement A when there is none)', async () => {
      const headers = { authorization: `Bearer ${await apiLogin(apiUrl, 'phuctho@liendoan.vn')}` }
      const get = async (path) => {
        const response = await fetch(`${apiUrl}/api/v1${path}`, { headers })
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`)
        return response.json()
      }
      program = (await get('/support-programs?status=open&limit=100')).items.find((item) => item.rules.agreementGrade)
      if (!program) throw new Error('no open programme with an agreement-grade rule is visible to phuctho@liendoan.vn')
      gradeA = program.rules.agreementGrade.amounts.find((row) => row.grade === 'A')?.amountVnd
      if (!gradeA) throw new Error('the programme pays nothing for grade A')
      const candidatesA = async () => (await get(`/support-programs/${program.id}/candidates?kind=agreement&limit=500`)).items.filter((item) => item.basis.startsWith('Loại A'))
      let found = await candidatesA()
      if (found.length === 0) {
        const inForce = (await get('/agreements?status=in_force&limit=200')).items.filter(
          (agreement) => agreement.registeredOn && agreement.registeredOn >= program.periodFrom && agreement.registeredOn <= program.periodTo && agreement.grade?.code !== 'A',
        )
        for (const agreement of inForce) {
          if ((await get(`/support-payments?agreementId=${agreement.id}&limit=1`)).items.length > 0) continue
          const graded = await fetch(`${apiUrl}/api/v1/agreements/${agreement.id}/grade`, {
            method: 'PUT',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ grade: 'A', assessedOn: today, note: 'Chấm loại A cho kiểm thử' }),
          })
          if (!graded.ok) throw new Error(`grading ${agreement.id}: HTTP ${graded.status} ${await graded.text()}`)
          log(`    graded ${agreement.title} A (registered ${agreement.registeredOn})`)
          break
        }
        found = await candidatesA()
      }
      // As many as the budget can approve, at most three.
      const room = program.figures.remainingVnd
      for (const candidate of found) if (picks.length < 3 && (picks.length + 1) * gradeA <= room) picks.push(candidate)
      if (picks.length === 0) throw new Error(`no grade-A candidate fits: ${found.length} found, ${room} VND remaining`)
      log(`    ${program.name.slice(0, 60)}…; ${found.length} grade-A candidates, proposing ${picks.length}: ${picks.map((pick) => pick.reason.label).join('; ')}`)
    })
    const total = picks.length * gradeA
    let before

    await step('as phuctho@liendoan.vn open the scheme: legal basis, rules in words and figures', async () => {
      await signIn(page, webUrl, 'phuctho@liendoan.vn')
      await page.getByRole('link', { name: 'Đề án hỗ trợ', exact: true }).click()
      await page.waitForURL(/\/support$/)
      await page.getByTestId('program-rows').locator(`tr[data-program="${program.id}"]`).getByRole('link').click()
      await page.waitForURL(new RegExp(`/support/${program.id}`))
      await page.getByTestId('field-decision').getByText(program.decisionNumber, { exact: false }).waitFor()
      await page.getByTestId('program-rules').getByText(`${money(gradeA)} cho mỗi thỏa ước loại A`, { exact: false }).waitFor()
      before = await figures()
      if (before.remaining !== before.budget - before.approved - before.disbursed) throw new Error(`inconsistent figures ${JSON.stringify(before)}`)
      log(`    before: ${JSON.stringify(before)}`)
    })

    await step('tick the grade-A candidates: the selection adds up their rule amounts; "Đề xuất chi" proposes them in one go', async () => {
      await page.getByRole('tab', { name: 'Đủ điều kiện hỗ trợ' }).click()
      const rows = page.getByTestId('candidate-rows')
      for (const pick of picks) {
        const row = await rowIn(rows, `tr[data-reason="${pick.reason.id}"][data-role="union"]`)
        await row.getByText(pick.basis).waitFor()
        await row.getByRole('checkbox').check()
      }
      const summary = page.getByTestId('selection-summary')
      await summary.getByText(`Đã chọn ${picks.length} hồ sơ, tổng ${money(total)}`).waitFor()
      await page.getByTestId('propose-selected').click()
      const dialog = page.getByRole('dialog')
      await dialog.getByText(`tổng ${money(total)}`, { exact: false }).waitFor()
      await dialog.getByRole('button', { name: 'Xác nhận đề xuất' }).click()
      await dialog.waitFor({ state: 'detached' })
      for (const pick of picks) await rows.locator(`tr[data-reason="${pick.reason.id}"]`).waitFor({ state: 'detached' })
      await figuresBecome({ proposed: before.proposed + total, approved: before.approved, remaining: before.remaining }, 'after proposing')
    })

    await step('the proposals are listed as waiting, and their proposer is offered no "Phê duyệt"', async () => {
      await page.getByRole('tab', { name: 'Khoản hỗ trợ' }).click()
      const rows = page.getByTestId('payment-rows')
      for (const pick of picks) {
        const row = await rowIn(rows, `tr[data-reason="${pick.reason.id}"]`)
        await row.getByTestId('payment-status').getByText('Chờ phê duyệt').waitFor()
        await row.getByText(/^Đề xuất: /).waitFor()
        if ((await row.getByTestId('payment-approve').count()) > 0) throw new Error('the proposer is offered Approve on their own proposal')
      }
    })

    await step('sign out, sign in as hanoi@liendoan.vn and approve each proposal in "Chờ phê duyệt"', async () => {
      await page.getByTestId('user-menu').click()
      await page.getByRole('menuitem', { name: 'Đăng xuất' }).click()
      await page.waitForURL(/\/dang-nhap/)
      await signIn(page, webUrl, 'hanoi@liendoan.vn')
      await page.getByRole('link', { name: 'Chờ phê duyệt', exact: true }).click()
      await page.waitForURL(/\/support\/approvals$/)
      const rows = page.getByTestId('queue-rows')
      for (const pick of picks) {
        const row = await rowIn(rows, `tr[data-reason="${pick.reason.id}"]`)
        await row.getByTestId('payment-amount').getByText(money(gradeA)).waitFor()
        await row.getByTestId('payment-approve').click()
        const dialog = page.getByRole('dialog')
        await dialog.getByTestId('payment-summary').getByText(pick.reason.label).waitFor()
        await dialog.getByRole('button', { name: 'Phê duyệt' }).click()
        await dialog.waitFor({ state: 'detached' })
        await rows.locator(`tr[data-reason="${pick.reason.id}"]`).waitFor({ state: 'detached' })
      }
    })

    let approved
    await step('the scheme’s figures: approved up by the amounts, remaining down by the same', async () => {
      await page.goto(`${webUrl}/support/${program.id}?tab=payments`)
      approved = await figuresBecome(
        { proposed: before.proposed, approved: before.approved + total, disbursed: before.disbursed, remaining: before.remaining - total },
        'after approving',
      )
    })

    const reference = `UNC-E2E-${Date.now() % 1_000_000}`
    await step('record the disbursement of one by bank transfer: it shows as paid with its reference', async () => {
      const row = await rowIn(page.getByTestId('payment-rows'), `tr[data-reason="${picks[0].reason.id}"]`)
      await row.getByTestId('payment-status').getByText('Đã phê duyệt').waitFor()
      await row.getByTestId('payment-disburse').click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('radio', { name: 'Chuyển khoản' }).check()
      await dialog.getByRole('textbox', { name: /^Số chứng từ/ }).fill(reference)
      await dialog.getByRole('button', { name: 'Ghi nhận chi' }).click()
      await dialog.waitFor({ state: 'detached' })
      await row.getByTestId('payment-status').getByText('Đã chi').waitFor()
      await row.getByText(reference, { exact: false }).waitFor()
    })

    await step('remaining = budget − approved − disbursed, and it fell by exactly the amounts approved', async () => {
      const after = await figuresBecome(
        { approved: before.approved + total - gradeA, disbursed: before.disbursed + gradeA, remaining: before.remaining - total },
        'after the disbursement',
      )
      if (after.remaining !== after.budget - after.approved - after.disbursed) throw new Error(`remaining ${after.remaining} ≠ budget − approved − disbursed (${JSON.stringify(after)})`)
      if (before.remaining - after.remaining !== total) throw new Error(`remaining fell by ${before.remaining - after.remaining}, expected ${total}`)
      if (after.remaining !== approved.remaining) throw new Error('a disbursement changed what remains')
      await page.getByTestId('figure-remaining').getByText(money(after.remaining)).waitFor()
      log(`    after: ${JSON.stringify(after)}`)
    })

    await step('the report draws budget use over time; the agreement’s page lists the payment in its "Hỗ trợ" tab', async () => {
      await page.getByRole('tab', { name: 'Báo cáo' }).click()
      await page.getByTestId('budget-chart').waitFor()
      await page.getByTestId('role-table').locator('tr[data-role="union"]').waitFor()
      await page.goto(`${webUrl}/agreements/${picks[0].reason.id}?tab=support`)
      const row = page.getByTestId('agreement-support-rows').locator(`tr[data-reason="${picks[0].reason.id}"]`)
      await row.getByTestId('payment-status').getByText('Đã chi').waitFor()
    })
  })

  await supportContext.close()

  // A fresh context: the district officer sets a target and watches it move on the dashboard.
  const targetContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } })
  targetContext.setDefaultTimeout(TIMEOUT)
  const targetPage = await targetContext.newPage()
  targetPage.on('pageerror', (error) => log(`  page error: ${error.message}`))

  await journey('district officer sets a child union a target for members admitted, admits a member there and sees the dashboard’s progress bar move by one', targetPage, async () => {
    const page = targetPage
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
    const year = Number(today.slice(0, 4))
    const metric = 'Kết nạp đoàn viên mới'
    let unit
    let admitted
    let targetValue

    /** The members-admitted row of the targets section: its bar's value and its "result / target" text. */
    const progress = async (scope) => {
      const row = scope.locator('[data-testid="target-row"][data-metric="members_admitted"]')
      const bar = row.getByRole('progressbar', { name: `Tiến độ: ${metric}` })
      return { value: Number(await bar.getAttribute('aria-valuenow')), text: (await row.getByTestId('progress-figures').innerText()).trim() }
    }
    /** The headline tile of members admitted this year (its exact count rides in data-value). */
    const admittedTile = async () => {
      const tile = page.getByTestId('dashboard-figures').locator('[data-figure="admitted"]')
      await tile.waitFor()
      return Number(await tile.getAttribute('data-value'))
    }
    /** Waits until a progress reading (refetched on each visit) shows what is expected. */
    const progressBecomes = async (read, expectedText, what) => {
      let last
      for (let tries = 0; tries < 80; tries++) {
        last = await read().catch(() => null)
        if (last && last.text === expectedText) return last
        await page.waitForTimeout(250)
      }
      throw new Error(`${what}: progress is ${JSON.stringify(last)}, expected "${expectedText}"`)
    }

    await step('find a grassroots union directly under Phúc Thọ with no members-admitted target this year, and its admissions so far, through the API', async () => {
      const headers = { authorization: `Bearer ${await apiLogin(apiUrl, 'phuctho@liendoan.vn')}` }
      const get = async (path) => {
        const response = await fetch(`${apiUrl}/api/v1${path}`, { headers })
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`)
        return response.json()
      }
      const me = await get('/me')
      const children = (await get(`/unions?under=${me.unionId}&grassroots=true&status=active&limit=200`)).items.filter((union) => union.parentId === me.unionId)
      // From the end of the list: earlier journeys work on the first ones.
      for (const candidate of children.reverse()) {
        const targets = await get(`/targets?unitId=${candidate.id}&metric=members_admitted&year=${year}&limit=1`)
        if (targets.items.length === 0) {
          unit = candidate
          break
        }
      }
      if (!unit) throw new Error(`no grassroots union directly under Phúc Thọ without a ${year} target (${children.length} looked at)`)
      const results = await get(`/reports/results?under=${unit.id}&year=${year}`)
      admitted = results.rows.find((row) => row.metric === 'members_admitted' && row.sector === null).value
      targetValue = admitted + 2
      log(`    ${unit.name} (${unit.code}): ${admitted} admitted in ${year}, target ${targetValue}`)
    })

    await step('as phuctho@liendoan.vn open "Chỉ tiêu & báo cáo" and assign the union a target of admitted + 2 for this year', async () => {
      await signIn(page, webUrl, 'phuctho@liendoan.vn')
      await page.getByRole('link', { name: 'Chỉ tiêu & báo cáo', exact: true }).click()
      await page.waitForURL(/\/targets$/)
      await page.getByRole('heading', { name: 'Chỉ tiêu', exact: true }).waitFor()
      await page.getByRole('button', { name: 'Giao chỉ tiêu' }).click()
      const dialog = page.getByRole('dialog', { name: 'Giao chỉ tiêu cho đơn vị trực thuộc' })
      await dialog.getByRole('textbox', { name: /^Chỉ tiêu/ }).click()
      await page.getByRole('option', { name: metric, exact: true }).click()
      await dialog.getByRole('textbox', { name: /^Đơn vị được giao/ }).fill(unit.code)
      await page.getByRole('option', { name: new RegExp(`\\(${unit.code}\\)`) }).click()
      if ((await dialog.getByRole('textbox', { name: /^Năm/ }).inputValue()) !== String(year)) throw new Error('the year is not preset to this year')
      await dialog.getByRole('textbox', { name: /^Mức chỉ tiêu/ }).fill(String(targetValue))
      await dialog.getByRole('textbox', { name: /^Ghi chú/ }).fill('Chỉ tiêu kiểm thử tự động')
      await dialog.getByRole('button', { name: 'Lưu', exact: true }).click()
      await dialog.waitFor({ state: 'detached' })
      const row = page.getByTestId('target-rows').locator(`tr[data-unit="${unit.id}"][data-metric="members_admitted"]`)
      await row.getByTestId('target-value').getByText(String(targetValue), { exact: true }).waitFor()
      await row.getByText(String(year), { exact: true }).waitFor()
    })

    let before
    await step('the district dashboard’s drill-down lists the union with its target; its name opens the union’s dashboard with the progress bar', async () => {
      await page.getByRole('link', { name: 'Tổng quan', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/' && !url.search.includes('under='))
      const child = page.getByTestId('children-table').locator(`tr[data-union="${unit.id}"]`)
      await child.getByTestId('progress-figures').getByText(`${admitted} / ${targetValue}`, { exact: true }).waitFor()
      await child.getByRole('link', { name: unit.name, exact: true }).click()
      await page.waitForURL(new RegExp(`\\?under=${unit.id}`))
      await page.getByRole('heading', { name: unit.name, exact: true }).waitFor()
      await page.getByTestId('dashboard-home').waitFor()
      before = await progressBecomes(() => progress(page.getByTestId('targets-section')), `${admitted} / ${targetValue}`, 'before the admission')
      if (!(before.value > 0 || admitted === 0) || before.value >= 100) throw new Error(`unexpected bar value ${before.value} for ${admitted} of ${targetValue}`)
      before.tile = await admittedTile()
      log(`    before: ${JSON.stringify(before)}`)
    })

    const member = { fullName: `Lê Thị Mai ${Date.now() % 10000}`, citizenId: citizenId() }
    await step('admit a new member into the union through the admission form', async () => {
      await page.goto(`${webUrl}/members/new?unionId=${unit.id}`)
      const form = page.getByTestId('member-form')
      const unionBox = form.getByRole('textbox', { name: /^Công đoàn cơ sở/ })
      for (let tries = 0; !(await unionBox.inputValue()).includes(unit.code); tries++) {
        if (tries > 80) throw new Error(`the admission form is not preset to ${unit.code}: "${await unionBox.inputValue()}"`)
        await page.waitForTimeout(250)
      }
      await form.getByRole('textbox', { name: /^Họ và tên/ }).fill(member.fullName)
      const birth = form.getByRole('textbox', { name: /^Ngày sinh/ })
      await birth.fill('14/02/1996')
      await birth.press('Tab')
      await form.getByRole('radio', { name: 'Nữ' }).check()
      await form.getByRole('textbox', { name: /^Số CCCD/ }).fill(member.citizenId)
      await form.getByRole('button', { name: 'Lưu', exact: true }).click()
      await page.waitForURL(/\/members\/[0-9a-f-]{36}$/)
      await page.getByRole('heading', { name: new RegExp(member.fullName) }).waitFor()
    })

    await step('back on the union’s dashboard the bar moved up and reads one more admitted against the same target', async () => {
      await page.goto(`${webUrl}/?under=${unit.id}`)
      const after = await progressBecomes(() => progress(page.getByTestId('targets-section')), `${admitted + 1} / ${targetValue}`, 'after the admission')
      if (!(after.value > before.value)) throw new Error(`the bar did not move: ${before.value} → ${after.value}`)
      // Both reports are read afresh on each visit; the tile's may arrive a moment after the bar's.
      for (let tries = 0; (after.tile = await admittedTile()) !== before.tile + 1; tries++) {
        if (tries > 80) throw new Error(`the "admitted this year" tile went from ${before.tile} to ${after.tile}`)
        await page.waitForTimeout(250)
      }
      log(`    after: ${JSON.stringify(after)}`)
    })
  })

  await targetContext.close()
}

let exitCode = 0
const onSignal = () => {
  void stopAll().finally(() => process.exit(130))
}
process.once('SIGINT', onSignal)
process.once('SIGTERM', onSignal)

try {
  await main()
} catch (error) {
  log(`setup failed: ${error.stack ?? error}`)
  for (const { name, output } of children) if (output.length) log(`--- ${name} output ---\n${output.join('').slice(-4000)}`)
  exitCode = 1
} finally {
  await stopAll()
}
const passed = results.filter((r) => r.ok).length
const failed = Math.max(ONLY ? ONLY.size : JOURNEYS, results.length) - passed
if (failed > 0) exitCode = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(exitCode)
