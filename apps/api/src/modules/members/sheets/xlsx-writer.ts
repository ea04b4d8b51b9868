import type { Writable } from 'node:stream'
import zlib, { createDeflateRaw, deflateRawSync } from 'node:zlib'

/**
 * A streaming XLSX writer for exports: inline strings, one bold header row, date cells shown
 * dd/mm/yyyy, whole numbers (amounts) shown with thousands separators. Written by hand rather than with exceljs's streaming writer because that one
 * ignores backpressure (its internal buffer accepts every row at once), so a large export held
 * its whole XML in memory; here every write waits for the reader, and the file costs a batch
 * of memory whatever its size.
 *
 * The ZIP container is the minimal kind every spreadsheet program reads: deflated entries, the
 * streamed sheet with a data descriptor (its size is known only at the end), no ZIP64 (an
 * export stays far below 4 GB: a sheet holds at most a million rows).
 */

/** A cell: text, a date (UTC midnight), or a number (written as a number, so sums work). */
export type XlsxCell = string | number | Date | null

/** Excel's last row is 1,048,576: longer exports continue on another sheet. */
export const XLSX_MAX_DATA_ROWS_PER_SHEET = 1_000_000

/* ---------- CRC-32 (ZIP) ---------- */

const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

function crc32InJs(buffer: Buffer, previous = 0): number {
  let crc = ~previous
  for (let index = 0; index < buffer.length; index++) crc = CRC_TABLE[(crc ^ buffer[index]!) & 0xff]! ^ (crc >>> 8)
  return ~crc >>> 0
}

// zlib's own CRC-32 (Node 20.15 and later) is several times faster; older Node 20s use the table.
const crc32: (buffer: Buffer, previous?: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32InJs

/* ---------- ZIP ---------- */

interface ZipEntry {
  name: Buffer
  crc: number
  compressedSize: number
  size: number
  offset: number
  streamed: boolean
}

/** MS-DOS time and date of now, as ZIP headers want them. */
function dosDateTime(now = new Date()): { time: number; date: number } {
  return {
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2),
    date: ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
  }
}

class ZipWriter {
  private offset = 0
  private readonly entries: ZipEntry[] = []
  private readonly stamp = dosDateTime()

  constructor(private readonly output: Writable) {}

  /** Writes and waits when the reader is behind (or gone: then 'close' comes instead of 'drain'). */
  private async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length
    if (this.output.destroyed) return
    if (!this.output.write(chunk)) await waitForDrain(this.output)
  }

  private localHeader(name: Buffer, streamed: boolean, crc: number, compressedSize: number, size: number): Buffer {
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    // Bit 3: sizes and CRC follow the data (streamed entry); bit 11: UTF-8 names.
    header.writeUInt16LE((streamed ? 0x0008 : 0) | 0x0800, 6)
    header.writeUInt16LE(8, 8)
    header.writeUInt16LE(this.stamp.time, 10)
    header.writeUInt16LE(this.stamp.date, 12)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(compressedSize, 18)
    header.writeUInt32LE(size, 22)
    header.writeUInt16LE(name.length, 26)
    header.writeUInt16LE(0, 28)
    return Buffer.concat([header, name])
  }

  async addFile(path: string, content: string): Promise<void> {
    const name = Buffer.from(path, 'utf8')
    const data = Buffer.from(content, 'utf8')
    const compressed = deflateRawSync(data)
    const entry: ZipEntry = { name, crc: crc32(data), compressedSize: compressed.length, size: data.length, offset: this.offset, streamed: false }
    await this.write(this.localHeader(name, false, entry.crc, entry.compressedSize, entry.size))
    await this.write(compressed)
    this.entries.push(entry)
  }

  /** An entry written piece by piece; `close()` ends it. */
  async openEntry(path: string): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> {
    const name = Buffer.from(path, 'utf8')
    const entry: ZipEntry = { name, crc: 0, compressedSize: 0, size: 0, offset: this.offset, streamed: true }
    await this.write(this.localHeader(name, true, 0, 0, 0))
    const deflater = createDeflateRaw()
    const pending: Buffer[] = []
    let failure: Error | undefined
    deflater.on('data', (chunk: Buffer) => {
      entry.compressedSize += chunk.length
      pending.push(chunk)
    })
    deflater.on('error', (error) => {
      failure = error
    })
    const flushPending = async () => {
      if (failure) throw failure
      while (pending.length > 0) await this.write(pending.shift()!)
    }
    return {
      write: async (text: string) => {
        const data = Buffer.from(text, 'utf8')
        entry.crc = crc32(data, entry.crc)
        entry.size += data.length
        if (!deflater.write(data)) await waitForDrain(deflater)
        await flushPending()
      },
      close: async () => {
        if (failure) throw failure
        await new Promise<void>((resolve, reject) => {
          deflater.once('end', resolve)
          deflater.once('error', reject)
          deflater.end()
        })
        await flushPending()
        const descriptor = Buffer.alloc(16)
        descriptor.writeUInt32LE(0x08074b50, 0)
        descriptor.writeUInt32LE(entry.crc, 4)
        descriptor.writeUInt32LE(entry.compressedSize, 8)
        descriptor.writeUInt32LE(entry.size, 12)
        await this.write(descriptor)
        this.entries.push(entry)
      },
    }
  }

  async finish(): Promise<void> {
    const directoryOffset = this.offset
    for (const entry of this.entries) {
      if (entry.size > 0xffffffff || entry.offset > 0xffffffff) throw new Error('XLSX export too large for a ZIP without ZIP64')
      const header = Buffer.alloc(46)
      header.writeUInt32LE(0x02014b50, 0)
      header.writeUInt16LE(20, 4)
      header.writeUInt16LE(20, 6)
      header.writeUInt16LE((entry.streamed ? 0x0008 : 0) | 0x0800, 8)
      header.writeUInt16LE(8, 10)
      header.writeUInt16LE(this.stamp.time, 12)
      header.writeUInt16LE(this.stamp.date, 14)
      header.writeUInt32LE(entry.crc, 16)
      header.writeUInt32LE(entry.compressedSize, 20)
      header.writeUInt32LE(entry.size, 24)
      header.writeUInt16LE(entry.name.length, 28)
      header.writeUInt32LE(entry.offset, 42)
      await this.write(Buffer.concat([header, entry.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(this.offset - directoryOffset, 12)
    end.writeUInt32LE(directoryOffset, 16)
    await this.write(end)
  }
}

async function waitForDrain(stream: Writable): Promise<void> {
  if (stream.destroyed) return
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}

/* ---------- SpreadsheetML ---------- */

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

// The control characters are the point: XML 1.0 cannot carry them, so they are found and dropped.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPING = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/

/** Text for XML: markup escaped, and the control characters XML 1.0 cannot carry removed. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  )
}

function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30)

/** Style ids of styles.xml below: 0 normal, 1 bold (header), 2 date dd/mm/yyyy, 3 number #,##0. */
const STYLES = `${XML_HEADER}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

export interface XlsxSheetOptions {
  /** Sheet name (Excel allows 31 characters); later sheets get " 2", " 3"… */
  name: string
  headers: readonly string[]
  /** Column widths in characters. */
  widths: readonly number[]
  /** Data rows per sheet before the next one starts (default a million: Excel stops at 1,048,576). */
  maxRowsPerSheet?: number
}

/**
 * Writes a workbook of one logical table into `output`: `addRows` as often as needed, then
 * `finish`. Rows past a million continue on a new sheet with the same header.
 */
export class XlsxStreamWriter {
  private readonly zip: ZipWriter
  private readonly letters: string[]
  private sheet: Awaited<ReturnType<ZipWriter['openEntry']>> | undefined
  private sheetCount = 0
  private rowInSheet = 0

  constructor(
    output: Writable,
    private readonly options: XlsxSheetOptions,
  ) {
    this.zip = new ZipWriter(output)
    this.letters = options.headers.map((_, index) => columnLetters(index))
  }

  private async startSheet(): Promise<void> {
    this.sheetCount += 1
    this.rowInSheet = 1
    this.sheet = await this.zip.openEntry(`xl/worksheets/sheet${this.sheetCount}.xml`)
    const cols = this.options.widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')
    const header = this.options.headers.map((text, index) => `<c r="${this.letters[index]}1" t="inlineStr" s="1"><is><t>${xmlText(text)}</t></is></c>`).join('')
    await this.sheet.write(
      `${XML_HEADER}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
    )
  }

  private async endSheet(): Promise<void> {
    if (!this.sheet) return
    await this.sheet.write('</sheetData></worksheet>')
    await this.sheet.close()
    this.sheet = undefined
  }

  private rowXml(cells: readonly XlsxCell[], rowNumber: number): string {
    let xml = `<row r="${rowNumber}">`
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]
      if (cell === null || cell === undefined) continue
      const ref = `${this.letters[index]}${rowNumber}`
      if (cell instanceof Date) xml += `<c r="${ref}" s="2"><v>${(cell.getTime() - EXCEL_EPOCH_UTC) / 86_400_000}</v></c>`
      else if (typeof cell === 'number') xml += `<c r="${ref}" s="3"><v>${cell}</v></c>`
      // xml:space only where it matters: a value with spaces at either end.
      else xml += `<c r="${ref}" t="inlineStr"><is>${/^\s|\s$/.test(cell) ? '<t xml:space="preserve">' : '<t>'}${xmlText(cell)}</t></is></c>`
    }
    return `${xml}</row>`
  }

  /** Appends rows (dates as UTC midnight), waiting for the reader when it is behind. */
  async addRows(rows: readonly (readonly XlsxCell[])[]): Promise<void> {
    let xml = ''
    let pendingRows = 0
    for (const cells of rows) {
      if (!this.sheet || this.rowInSheet > (this.options.maxRowsPerSheet ?? XLSX_MAX_DATA_ROWS_PER_SHEET)) {
        if (xml) await this.sheet?.write(xml)
        xml = ''
        pendingRows = 0
        await this.endSheet()
        await this.startSheet()
      }
      this.rowInSheet += 1
      xml += this.rowXml(cells, this.rowInSheet)
      // Handed on a few hundred rows at a time: the text being built stays small.
      if (++pendingRows === 250) {
        await this.sheet?.write(xml)
        xml = ''
        pendingRows = 0
      }
    }
    if (xml) await this.sheet?.write(xml)
  }

  async finish(): Promise<void> {
    if (!this.sheet && this.sheetCount === 0) await this.startSheet()
    await this.endSheet()
    const sheets = Array.from({ length: this.sheetCount }, (_, index) => index + 1)
    const sheetName = (n: number) => xmlText(n === 1 ? this.options.name : `${this.options.name} ${n}`.slice(0, 31))
    await this.zip.addFile(
      'xl/workbook.xml',
      `${XML_HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets.map((n) => `<sheet name="${sheetName(n)}" sheetId="${n}" r:id="rId${n}"/>`).join('')}</sheets></workbook>`,
    )
    await this.zip.addFile(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`)
        .join('')}<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    )
    await this.zip.addFile('xl/styles.xml', STYLES)
    await this.zip.addFile(
      '_rels/.rels',
      `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    )
    await this.zip.addFile(
      '[Content_Types].xml',
      `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('')}</Types>`,
    )
    await this.zip.finish()
  }
}
