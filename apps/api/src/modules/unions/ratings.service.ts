import type {
  CreateRatingScaleBody,
  CreateUnitTypeBody,
  Rating,
  RatingScale,
  SetRatingBody,
  UnitType,
  UpdateUnitTypeBody,
} from '@liendoan/contracts'
import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { ratingGrades, ratingScales, unionRatings, unitTypes, users } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { ProblemError, notFound } from '../../lib/errors.js'
import { type UnionsService, recordUnionEvent } from './unions.service.js'

function presentUnitType(row: typeof unitTypes.$inferSelect): UnitType {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    level: row.level,
    isGrassroots: row.isGrassroots,
    sortOrder: row.sortOrder,
  }
}

/** Annual quality ratings, their scales, and the unit types: reference data kept as rows. */
export function createRatingsService(deps: { db: Database; unions: UnionsService }) {
  const { db } = deps

  async function scaleForYear(executor: Database, year: number) {
    const [scale] = await executor
      .select()
      .from(ratingScales)
      .where(and(lte(ratingScales.fromYear, year), or(isNull(ratingScales.toYear), gte(ratingScales.toYear, year))))
      .orderBy(desc(ratingScales.fromYear))
      .limit(1)
    return scale
  }

  const ratingSelect = (executor: Database) =>
    executor
      .select({
        id: unionRatings.id,
        unionId: unionRatings.unionId,
        year: unionRatings.year,
        scaleCode: ratingScales.code,
        gradeCode: ratingGrades.code,
        gradeLabel: ratingGrades.label,
        isStrong: ratingGrades.isStrong,
        note: unionRatings.note,
        ratedByName: users.fullName,
        ratedAt: unionRatings.ratedAt,
        supersededAt: unionRatings.supersededAt,
      })
      .from(unionRatings)
      .innerJoin(ratingGrades, eq(ratingGrades.id, unionRatings.gradeId))
      .innerJoin(ratingScales, eq(ratingScales.id, ratingGrades.scaleId))
      .leftJoin(users, eq(users.id, unionRatings.ratedByUserId))

  const presentRating = (row: Awaited<ReturnType<typeof ratingSelect>>[number]): Rating => ({
    ...row,
    ratedAt: row.ratedAt.toISOString(),
    supersededAt: row.supersededAt?.toISOString() ?? null,
  })

  return {
    async listUnitTypes(): Promise<UnitType[]> {
      const rows = await db.select().from(unitTypes).orderBy(asc(unitTypes.sortOrder), asc(unitTypes.level))
      return rows.map(presentUnitType)
    },

    async createUnitType(context: RequestContext, body: CreateUnitTypeBody): Promise<UnitType> {
      requirePermission(context.actor, 'reference:manage')
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(unitTypes)
          .values({ id: uuidv7(), ...body, sortOrder: body.sortOrder ?? body.level * 10 })
          .returning()
        const created = presentUnitType(row!)
        await recordAudit(tx, context, { action: 'unit_type.create', entityType: 'unit_type', entityId: created.id, unionId: null, after: created })
        return created
      })
    },

    async updateUnitType(context: RequestContext, id: string, body: UpdateUnitTypeBody): Promise<UnitType> {
      requirePermission(context.actor, 'reference:manage')
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(unitTypes).where(eq(unitTypes.id, id)).for('update')
        if (!before) throw notFound()
        const [row] = await tx.update(unitTypes).set({ ...body, updatedAt: new Date() }).where(eq(unitTypes.id, id)).returning()
        const updated = presentUnitType(row!)
        await recordAudit(tx, context, {
          action: 'unit_type.update',
          entityType: 'unit_type',
          entityId: id,
          unionId: null,
          before: presentUnitType(before),
          after: updated,
        })
        return updated
      })
    },

    async listScales(): Promise<RatingScale[]> {
      const scales = await db.select().from(ratingScales).orderBy(asc(ratingScales.fromYear))
      const grades = await db.select().from(ratingGrades).orderBy(asc(ratingGrades.rank))
      return scales.map((scale) => ({
        id: scale.id,
        code: scale.code,
        name: scale.name,
        fromYear: scale.fromYear,
        toYear: scale.toYear,
        grades: grades
          .filter((grade) => grade.scaleId === scale.id)
          .map(({ code, label, labelEn, rank, isStrong }) => ({ code, label, labelEn, rank, isStrong })),
      }))
    },

    async createScale(context: RequestContext, body: CreateRatingScaleBody): Promise<RatingScale> {
      requirePermission(context.actor, 'reference:manage')
      if (body.toYear !== null && body.toYear < body.fromYear) {
        throw new ProblemError(422, 'validation_failed', 'The last year comes before the first.', [{ field: '/toYear', code: 'date_order' }])
      }
      const codes = new Set(body.grades.map((grade) => grade.code))
      if (codes.size !== body.grades.length) {
        throw new ProblemError(422, 'validation_failed', 'Grade codes must be unique.', [{ field: '/grades', code: 'unique' }])
      }
      return db.transaction(async (tx) => {
        const id = uuidv7()
        await tx.insert(ratingScales).values({ id, code: body.code, name: body.name, fromYear: body.fromYear, toYear: body.toYear })
        await tx.insert(ratingGrades).values(body.grades.map((grade) => ({ id: uuidv7(), scaleId: id, ...grade })))
        const created: RatingScale = { id, ...body }
        await recordAudit(tx, context, { action: 'rating_scale.create', entityType: 'rating_scale', entityId: id, unionId: null, after: created })
        return created
      })
    },

    async listRatings(context: RequestContext, unionId: string): Promise<Rating[]> {
      requirePermission(context.actor, 'unions:read')
      await deps.unions.findVisible(db, context, unionId)
      const rows = await ratingSelect(db)
        .where(eq(unionRatings.unionId, unionId))
        .orderBy(desc(unionRatings.year), desc(unionRatings.ratedAt))
      return rows.map(presentRating)
    },

    /** Rates a grassroots union for a year; an earlier rating for that year stays as history. */
    async rate(context: RequestContext, unionId: string, body: SetRatingBody): Promise<Rating> {
      return db.transaction(async (tx) => {
        const union = await deps.unions.findVisible(tx, context, unionId)
        requirePermission(context.actor, 'unions:rate')
        if (!union.unitType.isGrassroots) {
          throw new ProblemError(422, 'validation_failed', 'Only grassroots unions are rated.', [{ field: '/year', code: 'not_grassroots' }])
        }
        const currentYear = Number(todayInVietnam().slice(0, 4))
        if (body.year > currentYear || body.year < Number(union.establishedOn.slice(0, 4))) {
          throw new ProblemError(422, 'validation_failed', 'The union did not exist in that year, or the year has not come yet.', [
            { field: '/year', code: 'date_order' },
          ])
        }
        const scale = await scaleForYear(tx, body.year)
        const [grade] = scale
          ? await tx.select().from(ratingGrades).where(and(eq(ratingGrades.scaleId, scale.id), eq(ratingGrades.code, body.gradeCode)))
          : []
        if (!grade) {
          throw new ProblemError(422, 'validation_failed', 'This grade is not on the rating scale for that year.', [
            { field: '/gradeCode', code: 'enum' },
          ])
        }
        const [previous] = await tx
          .update(unionRatings)
          .set({ supersededAt: new Date() })
          .where(and(eq(unionRatings.unionId, unionId), eq(unionRatings.year, body.year), isNull(unionRatings.supersededAt)))
          .returning({ id: unionRatings.id, gradeId: unionRatings.gradeId })
        const id = uuidv7()
        await tx.insert(unionRatings).values({
          id,
          unionId,
          year: body.year,
          gradeId: grade.id,
          note: body.note ?? null,
          ratedByUserId: context.actor.userId,
        })
        await recordUnionEvent(tx, context, {
          unionId,
          kind: 'rated',
          effectiveDate: todayInVietnam(),
          details: { year: body.year, gradeCode: grade.code, gradeLabel: grade.label, replacedRatingId: previous?.id ?? null },
        })
        const [row] = await ratingSelect(tx).where(eq(unionRatings.id, id))
        const rating = presentRating(row!)
        await recordAudit(tx, context, {
          action: 'union.rate',
          entityType: 'union_rating',
          entityId: id,
          unionId,
          before: previous ? { ratingId: previous.id, gradeId: previous.gradeId } : null,
          after: rating,
        })
        return rating
      })
    },
  }
}

export type RatingsService = ReturnType<typeof createRatingsService>
