import type { Sector, SupportProgram, SupportProgramStatus, SupportRules } from '@liendoan/contracts'
import { parseVnd } from './money'

/** One grade's amount in the rules editor; `key` keeps React rows stable while rows come and go. */
export interface GradeAmountRow {
  key: string
  grade: string
  amountVnd: number | string
}

/**
 * The rules editor's values. Each rule kind can be switched on and off; the paths below `rules`
 * are the contract's (`rules.agreementGrade.amounts.0.amountVnd`), so the API's field errors land
 * on the right input.
 */
export interface RulesFormValues {
  agreementGrade: { enabled: boolean; amounts: GradeAmountRow[] }
  newUnion: {
    enabled: boolean
    /** null: any sector. */
    sector: Sector | null
    minMembers: number | string
    unionAmountVnd: number | string
    /** Empty: nothing for the organising officer. */
    organiserAmountVnd: number | string
  }
  hardship: { enabled: boolean; maxAmountVnd: number | string; maxPerYear: number | string }
}

export interface ProgramFormValues {
  name: string
  description: string
  decisionNumber: string
  decisionDate: string | null
  periodFrom: string | null
  periodTo: string | null
  budgetVnd: number | string
  /** Create only: the running union (empty: the person's own). */
  unionId: string | null
  /** Edit only. */
  status: SupportProgramStatus
  rules: RulesFormValues
}

let rowSeq = 0
export const emptyGradeRow = (grade = ''): GradeAmountRow => ({ key: `g${++rowSeq}`, grade, amountVnd: '' })

export function emptyRulesForm(): RulesFormValues {
  return {
    agreementGrade: { enabled: false, amounts: [emptyGradeRow('A'), emptyGradeRow('B')] },
    newUnion: { enabled: false, sector: 'non_state', minMembers: 25, unionAmountVnd: '', organiserAmountVnd: '' },
    hardship: { enabled: false, maxAmountVnd: '', maxPerYear: 1 },
  }
}

export function emptyProgramForm(): ProgramFormValues {
  return {
    name: '',
    description: '',
    decisionNumber: '',
    decisionDate: null,
    periodFrom: null,
    periodTo: null,
    budgetVnd: '',
    unionId: null,
    status: 'open',
    rules: emptyRulesForm(),
  }
}

/** The programme's rules in the editor; kinds the programme has not are off, with sensible defaults. */
export function rulesToForm(rules: SupportRules): RulesFormValues {
  const empty = emptyRulesForm()
  return {
    agreementGrade: rules.agreementGrade
      ? { enabled: true, amounts: rules.agreementGrade.amounts.map((row) => ({ ...emptyGradeRow(row.grade), amountVnd: row.amountVnd })) }
      : empty.agreementGrade,
    newUnion: rules.newUnion
      ? {
          enabled: true,
          sector: rules.newUnion.sector,
          minMembers: rules.newUnion.minMembers,
          unionAmountVnd: rules.newUnion.unionAmountVnd,
          organiserAmountVnd: rules.newUnion.organiserAmountVnd ?? '',
        }
      : empty.newUnion,
    hardship: rules.hardship ? { enabled: true, maxAmountVnd: rules.hardship.maxAmountVnd, maxPerYear: rules.hardship.maxPerYear } : empty.hardship,
  }
}

/** The object without its undefined entries: a missing value is "required", not "wrong type", to the schema. */
export function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined))
}

/** An amount or count from an input: a whole number, or null when empty or unreadable (the schema then says what is wrong). */
function whole(value: number | string): number | null {
  if (typeof value === 'string' && value.trim() === '') return null
  return parseVnd(value)
}

/**
 * The rules as the API takes them, from the editor: only the kinds switched on. Not yet checked:
 * the contract schema (SupportRules) validates it, so an empty amount becomes "required" on its input.
 */
export function formToRules(values: RulesFormValues): Record<string, unknown> {
  const rules: Record<string, unknown> = {}
  if (values.agreementGrade.enabled) {
    rules.agreementGrade = {
      amounts: values.agreementGrade.amounts.map((row) => defined({ grade: row.grade.trim().toUpperCase(), amountVnd: whole(row.amountVnd) ?? undefined })),
    }
  }
  if (values.newUnion.enabled) {
    const organiser = whole(values.newUnion.organiserAmountVnd)
    rules.newUnion = defined({
      sector: values.newUnion.sector,
      minMembers: whole(values.newUnion.minMembers) ?? undefined,
      unionAmountVnd: whole(values.newUnion.unionAmountVnd) ?? undefined,
      organiserAmountVnd: organiser,
    })
  }
  if (values.hardship.enabled) {
    rules.hardship = defined({ maxAmountVnd: whole(values.hardship.maxAmountVnd) ?? undefined, maxPerYear: whole(values.hardship.maxPerYear) ?? undefined })
  }
  return rules
}

/** Grades listed twice in the agreement rule: the second row gets the error. */
export function duplicateGradeRows(values: RulesFormValues): number[] {
  const seen = new Set<string>()
  const duplicates: number[] = []
  values.agreementGrade.amounts.forEach((row, index) => {
    const grade = row.grade.trim().toUpperCase()
    if (!grade) return
    if (seen.has(grade)) duplicates.push(index)
    seen.add(grade)
  })
  return duplicates
}

const trimmed = (text: string): string => text.trim().replace(/\s+/g, ' ')

export function programToForm(program: SupportProgram): ProgramFormValues {
  return {
    name: program.name,
    description: program.description ?? '',
    decisionNumber: program.decisionNumber,
    decisionDate: program.decisionDate,
    periodFrom: program.periodFrom,
    periodTo: program.periodTo,
    budgetVnd: program.figures.budgetVnd,
    unionId: program.union.id,
    status: program.status,
    rules: rulesToForm(program.rules),
  }
}

/** The create body (unchecked: the contract schema validates it before sending). */
export function toCreateBody(values: ProgramFormValues): Record<string, unknown> {
  const description = values.description.trim()
  return defined({
    name: trimmed(values.name),
    ...(description ? { description } : {}),
    decisionNumber: trimmed(values.decisionNumber),
    decisionDate: values.decisionDate ?? undefined,
    periodFrom: values.periodFrom ?? undefined,
    periodTo: values.periodTo ?? undefined,
    budgetVnd: whole(values.budgetVnd) ?? undefined,
    rules: formToRules(values.rules),
    ...(values.unionId ? { unionId: values.unionId } : {}),
  })
}

/** Only what changed since the form opened (a PATCH that leaves the rest, and a rule change only when there is one). */
export function toUpdateBody(initial: ProgramFormValues, values: ProgramFormValues): Record<string, unknown> {
  const before = toCreateBody(initial)
  const after = toCreateBody(values)
  const changes: Record<string, unknown> = {}
  for (const key of ['name', 'decisionNumber', 'decisionDate', 'periodFrom', 'periodTo', 'budgetVnd'] as const) {
    if (after[key] !== before[key]) changes[key] = after[key]
  }
  const description = values.description.trim()
  if (description !== initial.description.trim()) changes.description = description || null
  if (JSON.stringify(after.rules) !== JSON.stringify(before.rules)) changes.rules = after.rules
  if (values.status !== initial.status) changes.status = values.status
  return changes
}

/** The period's order, as the API checks it: the end not before the start. */
export function periodProblem(values: Pick<ProgramFormValues, 'periodFrom' | 'periodTo'>): boolean {
  return !!values.periodFrom && !!values.periodTo && values.periodTo < values.periodFrom
}

/** Keys the create and update bodies carry, for mapping the API's field errors onto inputs. */
export function isProgramFormField(field: string): boolean {
  return /^(name|description|decisionNumber|decisionDate|periodFrom|periodTo|budgetVnd|unionId|status|rules)(\.|$)/.test(field)
}
