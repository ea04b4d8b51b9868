import { MemberSheetColumns, type SpreadsheetFormat } from '@liendoan/contracts'
import ExcelJS from 'exceljs'

/** Columns Excel must keep as text: typed as numbers they lose their leading zeros. */
const TEXT_COLUMNS = new Set(['citizenId', 'phone', 'cardNumber', 'unionCode'])
const DATE_COLUMNS = new Set(['dateOfBirth', 'admittedOn'])
const WIDTHS: Record<string, number> = { fullName: 28, citizenId: 15, phone: 13, occupation: 20, cardNumber: 16, unionCode: 18 }

/** An example row, on the instructions sheet only: the data sheet stays empty. */
const EXAMPLE: Record<string, string> = {
  fullName: 'Nguyễn Thị Lan Anh',
  dateOfBirth: '17/05/1990',
  gender: 'Nữ',
  citizenId: '001190012345',
  phone: '0912345678',
  ethnicity: 'Kinh',
  occupation: 'Công nhân may',
  admittedOn: '01/03/2015',
  cardNumber: 'DV20150000123',
  unionCode: '(mã CĐCS, để trống nếu dùng CĐCS mặc định)',
}

const NOTES = [
  'Hướng dẫn nhập danh sách đoàn viên',
  'Nhập mỗi đoàn viên một dòng trên trang "Đoàn viên", giữ nguyên dòng tiêu đề.',
  'Cột bắt buộc: ' + MemberSheetColumns.filter((column) => column.required).map((column) => column.header).join(', ') + '.',
  'Ngày ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc dùng ô kiểu Ngày của Excel.',
  'Giới tính: Nam hoặc Nữ.',
  'Số CCCD gồm 12 chữ số; để cột ở dạng Văn bản để không mất số 0 ở đầu.',
  'Mã công đoàn cơ sở: để trống thì đoàn viên thuộc công đoàn cơ sở được chọn khi tải tệp lên.',
  'Đoàn viên đã có (trùng số CCCD, hoặc số thẻ) trong cùng công đoàn sẽ được giữ nguyên, không tạo trùng.',
]

/**
 * The import template: on the first sheet the headers of MemberSheetColumns and nothing else
 * (an untouched template imports as an empty file, never as data), formatted so Excel keeps
 * CCCDs as text and shows dates as dd/mm/yyyy; instructions and an example on a second sheet.
 * CSV: the header line only, UTF-8 with a BOM.
 */
export async function buildTemplate(format: SpreadsheetFormat): Promise<Buffer> {
  const headers = MemberSheetColumns.map((column) => column.header)
  if (format === 'csv') return Buffer.from(`\uFEFF${headers.join(',')}\r\n`, 'utf8')

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Liên đoàn Lao động'
  const sheet = workbook.addWorksheet('Đoàn viên', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = MemberSheetColumns.map((column) => ({
    key: column.key,
    width: WIDTHS[column.key] ?? 14,
    style: TEXT_COLUMNS.has(column.key) ? { numFmt: '@' } : DATE_COLUMNS.has(column.key) ? { numFmt: 'dd/mm/yyyy' } : {},
  }))
  const header = sheet.addRow(headers)
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.numFmt = 'General'
  })

  const help = workbook.addWorksheet('Hướng dẫn')
  help.getColumn(1).width = 30
  for (const note of NOTES) help.addRow([note])
  help.getRow(1).font = { bold: true }
  help.addRow([])
  help.addRow(['Ví dụ (không nhập dòng này vào trang "Đoàn viên"):']).font = { italic: true }
  help.addRow(headers).font = { bold: true }
  help.addRow(MemberSheetColumns.map((column) => EXAMPLE[column.key] ?? ''))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
