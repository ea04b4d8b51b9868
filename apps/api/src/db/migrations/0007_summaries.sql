CREATE TABLE "union_admission_months" (
	"union_id" uuid NOT NULL,
	"month" date NOT NULL,
	"admitted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "union_admission_months_union_id_month_pk" PRIMARY KEY("union_id","month")
);
--> statement-breakpoint
CREATE TABLE "union_member_counts" (
	"union_id" uuid PRIMARY KEY NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	"active_female" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "union_admission_months" ADD CONSTRAINT "union_admission_months_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_member_counts" ADD CONSTRAINT "union_member_counts_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Members' summaries, kept by statement-level triggers: the changed rows are grouped once per
-- statement and applied as one upsert in key order (the same order in every transaction, so two
-- writers cannot deadlock on the summary rows).
CREATE OR REPLACE FUNCTION liendoan_members_summarise_insert() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO union_member_counts AS c (union_id, active, active_female)
  SELECT n.union_id, count(*), count(*) FILTER (WHERE n.gender = 'female')
    FROM new_rows n WHERE n.status = 'active'
   GROUP BY n.union_id ORDER BY n.union_id
  ON CONFLICT (union_id) DO UPDATE SET active = c.active + excluded.active, active_female = c.active_female + excluded.active_female;
  -- A new record is admitted where it is created (its first membership's union).
  INSERT INTO union_admission_months AS a (union_id, month, admitted)
  SELECT n.union_id, date_trunc('month', n.admitted_on)::date, count(*)
    FROM new_rows n
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (union_id, month) DO UPDATE SET admitted = a.admitted + excluded.admitted;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_members_summarise_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO union_member_counts AS c (union_id, active, active_female)
  SELECT d.union_id, sum(d.active), sum(d.female)
    FROM (SELECT o.union_id, -1 AS active, CASE WHEN o.gender = 'female' THEN -1 ELSE 0 END AS female FROM old_rows o WHERE o.status = 'active'
          UNION ALL
          SELECT n.union_id, 1, CASE WHEN n.gender = 'female' THEN 1 ELSE 0 END FROM new_rows n WHERE n.status = 'active') d
   GROUP BY d.union_id
  HAVING sum(d.active) <> 0 OR sum(d.female) <> 0
   ORDER BY d.union_id
  ON CONFLICT (union_id) DO UPDATE SET active = c.active + excluded.active, active_female = c.active_female + excluded.active_female;
  -- A changed admission date moves the admission between months at the admitting union.
  INSERT INTO union_admission_months AS a (union_id, month, admitted)
  SELECT d.union_id, d.month, sum(d.admitted)
    FROM (SELECT coalesce(fm.union_id, o.union_id) AS union_id, x.month, x.admitted
            FROM old_rows o
            JOIN new_rows n ON n.id = o.id AND n.admitted_on <> o.admitted_on
            LEFT JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = o.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
            CROSS JOIN LATERAL (VALUES (date_trunc('month', o.admitted_on)::date, -1), (date_trunc('month', n.admitted_on)::date, 1)) x(month, admitted)) d
   GROUP BY d.union_id, d.month
  HAVING sum(d.admitted) <> 0
   ORDER BY d.union_id, d.month
  ON CONFLICT (union_id, month) DO UPDATE SET admitted = a.admitted + excluded.admitted;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_members_summarise_delete() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE union_member_counts c
     SET active = c.active - d.active, active_female = c.active_female - d.female
    FROM (SELECT o.union_id, count(*) AS active, count(*) FILTER (WHERE o.gender = 'female') AS female
            FROM old_rows o WHERE o.status = 'active' GROUP BY o.union_id) d
   WHERE c.union_id = d.union_id;
  UPDATE union_admission_months a
     SET admitted = a.admitted - d.admitted
    FROM (SELECT coalesce(fm.union_id, o.union_id) AS union_id, date_trunc('month', o.admitted_on)::date AS month, count(*) AS admitted
            FROM old_rows o
            LEFT JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = o.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
           GROUP BY 1, 2) d
   WHERE a.union_id = d.union_id AND a.month = d.month;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_summarise_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_members_summarise_insert();
--> statement-breakpoint
CREATE TRIGGER members_summarise_update AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_members_summarise_update();
--> statement-breakpoint
CREATE TRIGGER members_summarise_delete AFTER DELETE ON members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_members_summarise_delete();
--> statement-breakpoint
-- Rebuilds both summaries from the members (the migration's backfill; seed:scale after its COPY).
CREATE OR REPLACE FUNCTION liendoan_rebuild_member_summaries() RETURNS void
  LANGUAGE sql AS $$
DELETE FROM union_member_counts;
DELETE FROM union_admission_months;
INSERT INTO union_member_counts (union_id, active, active_female)
SELECT m.union_id, count(*), count(*) FILTER (WHERE m.gender = 'female')
  FROM members m WHERE m.status = 'active' GROUP BY m.union_id;
INSERT INTO union_admission_months (union_id, month, admitted)
SELECT coalesce(fm.union_id, m.union_id), date_trunc('month', m.admitted_on)::date, count(*)
  FROM members m
  LEFT JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = m.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
 GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT liendoan_rebuild_member_summaries();
