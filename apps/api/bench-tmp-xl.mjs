import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
for (const [useStyles, dates] of [[true, true], [false, true], [false, false], [true, false]]) {
  const out = new PassThrough(); let bytes = 0
  const consume = (async () => { for await (const c of out) bytes += c.length })()
  const t = Date.now()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles, useSharedStrings: false })
  const ws = wb.addWorksheet('x')
  ws.columns = Array.from({ length: 13 }, (_, i) => ({ width: 14, ...(i === 1 || i === 7 ? { style: { numFmt: 'dd/mm/yyyy' } } : {}) }))
  for (let i = 0; i < 100000; i++) {
    const d = new Date(Date.UTC(1990, 1, 1 + (i % 300)))
    ws.addRow([`Nguyễn Văn Bench ${i}`, dates ? d : '01/02/1990', 'Nam', '********1234', '09******12', 'Kinh', 'Công nhân', dates ? d : '01/02/1990', null, 'T-ABC', 'Đang sinh hoạt', 'Công ty TNHH May Phúc Thọ', 'Chưa có thẻ']).commit()
  }
  ws.commit(); await wb.commit(); await consume
  console.log({ useStyles, dates }, Date.now() - t, 'ms', bytes)
}
