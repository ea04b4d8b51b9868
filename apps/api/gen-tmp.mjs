import ExcelJS from 'exceljs'
const n = Number(process.argv[2] ?? 100000)
const file = process.argv[3] ?? '/tmp/imp-bench/100k.xlsx'
const t0 = Date.now()
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true })
const ws = wb.addWorksheet('Đoàn viên')
ws.addRow(['Họ và tên','Ngày sinh','Giới tính','Số CCCD','Số điện thoại','Dân tộc','Nghề nghiệp','Ngày kết nạp','Số thẻ đoàn viên','Mã công đoàn cơ sở']).commit()
for (let i = 0; i < n; i++) {
  const r = ws.addRow([`Nguyễn Văn Bench ${i}`, new Date(Date.UTC(1980 + (i % 20), i % 12, 1 + (i % 28))), i % 2 ? 'Nam' : 'Nữ', `${process.argv[4] ?? '001'}${String(100000000 + i).padStart(9,'0')}`, `09${String(i).padStart(8,'0')}`, 'Kinh', 'Công nhân', `15/03/2020`, null, null])
  r.getCell(2).numFmt = 'dd/mm/yyyy'
  r.commit()
}
ws.commit(); await wb.commit()
console.log('written', Date.now() - t0, 'ms')
