import type { ChildResult, MetricResult, ResultChildrenReport, ResultsReport, Sector, TargetMetricKind, UnionStatus } from '@liendoan/contracts'
import ExcelJS from 'exceljs'
import { vietnameseDate } from '../trainings/training-rules.js'

const SECTOR_LABELS: Record<Sector, string> = { state: 'Khu vực nhà nước', non_state: 'Ngoài khu vực nhà nước' }
const STATUS_LABELS: Record<UnionStatus, string> = { active: 'Đang hoạt động', dissolved: 'Đã giải thể', merged: 'Đã sáp nhập' }

type Figures = Pick<ChildResult, 'value' | 'numerator' | 'denominator' | 'target' | 'achievement'>

/** Result, part, whole, target and achievement as cells: shares and their targets in percent. */
function figureCells(kind: TargetMetricKind, figures: Figures): (number | null)[] {
  const target = figures.target ? (kind === 'share' ? figures.target.targetValue / 100 : figures.target.targetValue) : null
  return [figures.value, figures.numerator, figures.denominator, target, figures.achievement]
}

const FIGURE_HEADERS = ['Kết quả', 'Tử số', 'Mẫu số', 'Chỉ tiêu giao', 'Tỷ lệ hoàn thành (%)']

function unitLabel(kind: TargetMetricKind): string {
  return kind === 'share' ? '%' : kind === 'amount_vnd' ? 'đồng' : 'số lượng'
}

function metricLabel(row: Pick<MetricResult, 'label' | 'sector'>): string {
  return row.sector ? `${row.label} (${SECTOR_LABELS[row.sector]})` : row.label
}

function addTitle(sheet: ExcelJS.Worksheet, title: string, report: Pick<ResultsReport, 'under' | 'periodFrom' | 'periodTo' | 'asOf'>) {
  sheet.addRow([title]).font = { bold: true, size: 14 }
  sheet.addRow([`Đơn vị: ${report.under.name} (${report.under.code})`])
  sheet.addRow([`Kỳ: từ ${vietnameseDate(report.periodFrom)} đến ${vietnameseDate(report.periodTo)}; số liệu đến ngày ${vietnameseDate(report.asOf)}`])
  sheet.addRow([])
}

function addHeader(sheet: ExcelJS.Worksheet, headers: string[]) {
  const row = sheet.addRow(headers)
  row.font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: row.number }]
}

/**
 * Results against targets as a workbook: the unit's figures for every metric, then each metric's
 * figures for the direct children (one row per child and metric). Numbers stay numbers, so the
 * sheet can be summed and charted; percentages are in percent with the API's two decimals.
 */
export async function buildResultsWorkbook(report: ResultsReport, drillDowns: readonly ResultChildrenReport[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Liên đoàn Lao động'

  const summary = workbook.addWorksheet('Kết quả')
  addTitle(summary, 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU', report)
  addHeader(summary, ['STT', 'Chỉ tiêu', 'Đơn vị tính', ...FIGURE_HEADERS, 'Năm xếp loại'])
  report.rows.forEach((row, index) => {
    summary.addRow([index + 1, metricLabel(row), unitLabel(row.kind), ...figureCells(row.kind, row), row.ratingYear])
  })
  summary.columns.forEach((column, index) => {
    column.width = [6, 52, 12, 16, 10, 10, 16, 20, 14][index] ?? 14
  })

  const children = workbook.addWorksheet('Đơn vị trực thuộc')
  addTitle(children, 'KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC', report)
  addHeader(children, ['STT', 'Đơn vị', 'Mã đơn vị', 'Trạng thái', 'Chỉ tiêu', 'Đơn vị tính', ...FIGURE_HEADERS])
  let line = 0
  for (const drillDown of drillDowns) {
    for (const child of drillDown.children) {
      line += 1
      children.addRow([
        line,
        child.union.name,
        child.union.code,
        STATUS_LABELS[child.union.status],
        metricLabel(drillDown),
        unitLabel(drillDown.kind),
        ...figureCells(drillDown.kind, child),
      ])
    }
  }
  children.columns.forEach((column, index) => {
    column.width = [6, 44, 14, 16, 52, 12, 16, 10, 10, 16, 20][index] ?? 14
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
