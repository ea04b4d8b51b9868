import { readFileSync } from 'node:fs'
import type { ImportJob } from '@liendoan/contracts'
import { createTestApp, createTree, loginAs } from './test/helpers/app.js'
import { uploadSheet, waitForJob, XLSX_TYPE } from './test/helpers/sheets.js'

const file = process.argv[2] ?? '/tmp/imp-bench/100k.xlsx'
let peak = 0
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 50)
const ctx = await createTestApp({ MEMBER_IMPORT_MAX_BYTES: String(50 * 1024 * 1024) })
const tree = await createTree(ctx)
const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
const content = readFileSync(file)
console.log('rss before', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB')
let t = Date.now()
const response = await uploadSheet(officer, { name: file.split('/').pop()!, content, type: file.endsWith('csv') ? 'text/csv' : XLSX_TYPE }, { unionId: tree.grassrootsA1.id })
console.log('upload', response.statusCode, Date.now() - t, 'ms')
const id = response.json<ImportJob>().id
let job = await waitForJob(officer, id, 600_000)
const validateMs = Date.now() - t
console.log('validated', job.status, job.totalRows, job.errorCount, validateMs, 'ms', Math.round(job.totalRows / (validateMs / 1000)), 'rows/s', 'peak rss', (peak / 1e6).toFixed(0), 'MB')
if (process.env.STOP_AFTER_VALIDATION) { console.log('job', id); clearInterval(sampler); await ctx.close(); process.exit(0) }
t = Date.now()
await officer.post(`/api/v1/members/imports/${id}/commit`)
job = await waitForJob(officer, id, 600_000)
console.log('committed', job.status, job.newRows, Date.now() - t, 'ms', 'peak rss', (peak / 1e6).toFixed(0), 'MB')
t = Date.now()
const exp = await ctx.app.inject({ method: 'GET', url: `/api/v1/members/export?unionId=${tree.grassrootsA1.id}`, headers: { authorization: `Bearer ${officer.accessToken}` } })
console.log('export xlsx', exp.statusCode, exp.rawPayload.length, Date.now() - t, 'ms', 'peak rss', (peak / 1e6).toFixed(0), 'MB')
t = Date.now()
const csv = await ctx.app.inject({ method: 'GET', url: `/api/v1/members/export?format=csv&unionId=${tree.grassrootsA1.id}`, headers: { authorization: `Bearer ${officer.accessToken}` } })
console.log('export csv', csv.statusCode, csv.rawPayload.length, Date.now() - t, 'ms', 'peak rss', (peak / 1e6).toFixed(0), 'MB')
clearInterval(sampler)
await ctx.close()
