import type { PassThrough } from 'node:stream'
import type { BeneficiaryKind, DisbursementMethod, PaymentStatus } from '@liendoan/contracts'
import { type SQL, and, asc, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { supportPayments } from '../../db/schema/index.js'
import { todayInVietnam } from '../../lib/dates.js'
import { type XlsxCell, XlsxStreamWriter } from '../members/sheets/xlsx-writer.js'
import { type PaymentRow, presentPayment, selectPayments } from './support.repository.js'

/** Column headings as the federation's accountants write them. */
const HEADERS = [
  'STT',
  'Đơn vị',
  'Mã đơn vị',
  'Đối tượng thụ hưởng',
  'Loại đối tượng',
  'Nội dung hỗ trợ',
  'Số tiền (đồng)',
  'Mức theo quy định (đồng)',
  'Lý do điều chỉnh',
  'Trạng thái',
  'Người đề xuất',
  'Ngày đề xuất',
  'Người phê duyệt',
  'Ngày phê duyệt',
  'Ngày chi',
  'Hình thức chi',
  'Số chứng từ',
  'Ghi chú',
  'Mã khoản chi',
] as const

const WIDTHS = [6, 34, 14, 34, 12, 60, 16, 16, 30, 14, 24, 13, 24, 13, 13, 14, 18, 30, 38]

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  proposed: 'Đã đề xuất',
  approved: 'Đã phê duyệt',
  disbursed: 'Đã chi',
  rejected: 'Từ chối',
  cancelled: 'Đã hủy',
}

const BENEFICIARY_LABELS: Record<BeneficiaryKind, string> = { union: 'Công đoàn', member: 'Đoàn viên', officer: 'Cán bộ' }
const METHOD_LABELS: Record<DisbursementMethod, string> = { bank_transfer: 'Chuyển khoản', cash: 'Tiền mặt' }

/** A date cell: the calendar day at UTC midnight (the writer's convention). */
const dateCell = (isoDate: string | null): Date | null => (isoDate ? new Date(`${isoDate}T00:00:00Z`) : null)
/** The Vietnamese calendar day of an instant, as a date cell. */
const dayCell = (instant: Date | null): Date | null => (instant ? dateCell(todayInVietnam(instant)) : null)

function cells(row: PaymentRow, index: number): XlsxCell[] {
  const payment = presentPayment(row)
  return [
    index,
    payment.union.name,
    payment.union.code,
    payment.beneficiary.name,
    BENEFICIARY_LABELS[payment.beneficiary.kind],
    payment.reason.label,
    payment.amountVnd,
    payment.ruleAmountVnd,
    payment.overrideReason,
    PAYMENT_STATUS_LABELS[payment.status],
    payment.proposedBy.name,
    dayCell(row.proposedAt),
    payment.approvedBy?.name ?? null,
    dayCell(row.approvedAt),
    dateCell(payment.disbursedOn),
    payment.disbursementMethod ? METHOD_LABELS[payment.disbursementMethod] : null,
    payment.disbursementReference,
    payment.note ?? payment.closeReason,
    payment.id,
  ]
}

const BATCH = 1000

/**
 * Streams the payments the conditions select, oldest proposal first, into `output` as XLSX:
 * amounts as number cells (whole đồng), dates as date cells. Reads in keyset batches and waits
 * for the reader, so a large programme costs a batch of memory.
 */
export async function writePaymentsExport(db: Database, conditions: SQL[], output: PassThrough): Promise<number> {
  const workbook = new XlsxStreamWriter(output, { name: 'Khoản hỗ trợ', headers: HEADERS, widths: WIDTHS })
  let written = 0
  let last: PaymentRow | undefined
  for (;;) {
    const rows: PaymentRow[] = await selectPayments(db)
      .where(
        and(
          ...conditions,
          last ? sql`(${supportPayments.proposedAt}, ${supportPayments.id}) > (${last.proposedAtKey}::timestamptz, ${last.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(supportPayments.proposedAt), asc(supportPayments.id))
      .limit(BATCH)
    if (output.destroyed) return written
    await workbook.addRows(rows.map((row, index) => cells(row, written + index + 1)))
    written += rows.length
    last = rows.at(-1)
    if (rows.length < BATCH) break
  }
  await workbook.finish()
  output.end()
  return written
}
