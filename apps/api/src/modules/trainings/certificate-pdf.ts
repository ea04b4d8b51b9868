import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { vietnameseDate } from './training-rules.js'

export interface CertificatePdfInput {
  number: string
  verificationCode: string
  verifyUrl: string
  holderName: string
  holderUnion: string
  classTitle: string
  topics: string[]
  organiserName: string
  startsOn: string
  endsOn: string
  issuedOn: string
  score: number | null
}

type Weight = 400 | 700
type Subset = 'latin' | 'vietnamese'

/*
 * Fonts come from the @fontsource/noto-sans npm package, never from the system, so the PDF looks
 * the same on every machine. Fontsource splits a font by script: the "vietnamese" file holds the
 * letters Vietnamese adds to Latin (ă, đ, ơ, ư, and every letter with a tone mark in U+1EA0–1EF9),
 * the "latin" file the rest. Text is drawn in runs, each with the file that has its letters.
 */
const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files')
const fontCache = new Map<string, Buffer>()

function fontData(subset: Subset, weight: Weight): Buffer {
  const key = `${subset}-${weight}`
  let data = fontCache.get(key)
  if (!data) {
    data = readFileSync(path.join(fontDir, `noto-sans-${subset}-${weight}-normal.woff`))
    fontCache.set(key, data)
  }
  return data
}

/** The code points of Fontsource's "vietnamese" file, read from the package's own unicode.json ("U+0102-0103,U+0110-0111,..."). */
const VIETNAMESE_RANGES: readonly [number, number][] = parseUnicodeRange(
  (require('@fontsource/noto-sans/unicode.json') as Record<string, string>).vietnamese ?? '',
)

export function parseUnicodeRange(range: string): [number, number][] {
  return range
    .split(',')
    .map((part) => /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(part.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [parseInt(match[1]!, 16), parseInt(match[2] ?? match[1]!, 16)])
}

function subsetOf(char: string): Subset {
  const code = char.codePointAt(0) ?? 0
  return VIETNAMESE_RANGES.some(([from, to]) => code >= from && code <= to) ? 'vietnamese' : 'latin'
}

/** Text split into runs that one font file can draw. NFC first: a decomposed tone mark becomes one precomposed letter. */
export function fontRuns(text: string): { subset: Subset; text: string }[] {
  const runs: { subset: Subset; text: string }[] = []
  for (const char of text.normalize('NFC')) {
    const subset = subsetOf(char)
    const last = runs.at(-1)
    if (last && last.subset === subset) last.text += char
    else runs.push({ subset, text: char })
  }
  return runs
}

type Doc = PDFKit.PDFDocument

function useFont(doc: Doc, subset: Subset, weight: Weight, size: number): Doc {
  return doc.font(`${subset}-${weight}`).fontSize(size)
}

function widthOf(doc: Doc, text: string, weight: Weight, size: number): number {
  return fontRuns(text).reduce((sum, run) => sum + useFont(doc, run.subset, weight, size).widthOfString(run.text), 0)
}

/** One line of text at (x, y), run by run. */
function drawLine(doc: Doc, text: string, x: number, y: number, weight: Weight, size: number): void {
  let cursor = x
  for (const run of fontRuns(text)) {
    useFont(doc, run.subset, weight, size)
    doc.text(run.text, cursor, y, { lineBreak: false })
    cursor += doc.widthOfString(run.text)
  }
}

/** Words wrapped to `maxWidth`, greedily. */
function wrap(doc: Doc, text: string, weight: Weight, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (line && widthOf(doc, candidate, weight, size) > maxWidth) {
      lines.push(line)
      line = word
    } else {
      line = candidate
    }
  }
  if (line) lines.push(line)
  return lines
}

interface Box {
  left: number
  width: number
}

/** Centred, wrapped text in a box; returns the y below it. */
function centred(doc: Doc, text: string, y: number, box: Box, weight: Weight, size: number, lineGap = 4): number {
  let top = y
  for (const line of wrap(doc, text, weight, size, box.width)) {
    drawLine(doc, line, box.left + (box.width - widthOf(doc, line, weight, size)) / 2, top, weight, size)
    top += size + lineGap
  }
  return top
}

/** Label in regular weight followed by a value in bold, centred on one line (wrapped if long). */
function labelled(doc: Doc, label: string, value: string, y: number, box: Box, size: number): number {
  const whole = `${label} ${value}`
  if (widthOf(doc, whole, 700, size) > box.width) {
    const next = centred(doc, label, y, box, 400, size)
    return centred(doc, value, next, box, 700, size)
  }
  const labelWidth = widthOf(doc, `${label} `, 400, size)
  const x = box.left + (box.width - labelWidth - widthOf(doc, value, 700, size)) / 2
  drawLine(doc, `${label} `, x, y, 400, size)
  drawLine(doc, value, x + labelWidth, y, 700, size)
  return y + size + 6
}

/** The QR code as vector squares: sharp at any print size, no image library needed. */
function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const count = qr.modules.size
  const cell = size / count
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.data[row * count + col]) doc.rect(x + col * cell, y + row * cell, cell + 0.01, cell + 0.01)
    }
  }
  doc.fillColor('#000000').fill()
}

/** Renders the certificate (A4 landscape, Vietnamese) to a PDF buffer. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: {
      Title: `Giấy chứng nhận ${input.number}`,
      Subject: `Certificate ${input.number}, verification code ${input.verificationCode}`,
      Author: input.organiserName,
      Producer: 'Liendoan',
      Creator: 'Liendoan',
    },
  })
  for (const subset of ['latin', 'vietnamese'] as const) {
    for (const weight of [400, 700] as const) doc.registerFont(`${subset}-${weight}`, fontData(subset, weight))
  }
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = doc.page.width
  const height = doc.page.height
  // A double border in the federation's red.
  doc.lineWidth(3).strokeColor('#b22222').rect(20, 20, width - 40, height - 40).stroke()
  doc.lineWidth(1).rect(28, 28, width - 56, height - 56).stroke()
  doc.fillColor('#000000')

  const half: Box = { left: 40, width: width / 2 - 60 }
  const right: Box = { left: width / 2 + 20, width: width / 2 - 60 }
  const full: Box = { left: 60, width: width - 120 }
  centred(doc, input.organiserName.toUpperCase(), 48, half, 700, 12)
  centred(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 48, right, 700, 12)
  centred(doc, 'Độc lập - Tự do - Hạnh phúc', 66, right, 700, 12)

  let y = 120
  doc.fillColor('#b22222')
  y = centred(doc, 'GIẤY CHỨNG NHẬN', y, full, 700, 32, 10)
  doc.fillColor('#000000')
  y = centred(doc, 'Hoàn thành lớp tập huấn, bồi dưỡng cán bộ công đoàn', y, full, 400, 14, 14)
  y = labelled(doc, 'Chứng nhận đồng chí:', input.holderName, y + 4, full, 18)
  y = labelled(doc, 'Đơn vị:', input.holderUnion, y + 2, full, 13)
  y = labelled(doc, 'Đã hoàn thành lớp:', input.classTitle, y + 6, full, 14)
  if (input.topics.length) y = labelled(doc, 'Chuyên đề:', input.topics.join('; '), y + 2, full, 12)
  y = centred(doc, `Thời gian: từ ngày ${vietnameseDate(input.startsOn)} đến ngày ${vietnameseDate(input.endsOn)}`, y + 2, full, 400, 12)
  if (input.score !== null) centred(doc, `Kết quả kiểm tra: ${input.score}/100 điểm`, y + 2, full, 400, 12)

  // Bottom left: number and verification; bottom right: date and signature block.
  const qrSize = 92
  const bottom = height - 48 - qrSize
  drawQr(doc, input.verifyUrl, 56, bottom, qrSize)
  drawLine(doc, `Số: ${input.number}`, 160, bottom + 6, 700, 12)
  drawLine(doc, `Mã xác minh: ${input.verificationCode}`, 160, bottom + 26, 400, 11)
  drawLine(doc, 'Quét mã QR hoặc tra cứu mã xác minh để kiểm tra giấy chứng nhận.', 160, bottom + 44, 400, 9)
  const [year, month, day] = input.issuedOn.split('-')
  const sign: Box = { left: width / 2 + 40, width: width / 2 - 100 }
  let signY = centred(doc, `Ngày ${day} tháng ${month} năm ${year}`, bottom - 10, sign, 400, 12)
  signY = centred(doc, 'TM. BAN THƯỜNG VỤ', signY + 2, sign, 700, 12)
  centred(doc, input.organiserName, signY, sign, 400, 11)

  doc.end()
  return done
}
