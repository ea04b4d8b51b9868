CREATE TABLE "union_figure_changes" (
	"union_id" uuid NOT NULL,
	"figure" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "union_figure_changes_union_id_figure_day_pk" PRIMARY KEY("union_id","figure","day")
);
--> statement-breakpoint
CREATE TABLE "union_figure_rollups" (
	"union_id" uuid NOT NULL,
	"figure" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "union_figure_rollups_union_id_figure_day_pk" PRIMARY KEY("union_id","figure","day")
);
--> statement-breakpoint
ALTER TABLE "union_figure_changes" ADD CONSTRAINT "union_figure_changes_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_figure_rollups" ADD CONSTRAINT "union_figure_rollups_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- ===== Hand-written: the dashboard's figures, rolled up to every ancestor =====
-- The dashboard sums values along the key: with the value in the index it reads no table pages.
CREATE UNIQUE INDEX union_figure_rollups_read_idx ON union_figure_rollups (union_id, figure, day) INCLUDE (value);
--> statement-breakpoint
-- The union ids on a tree path ('/root/district/unit/'), the root first.
CREATE OR REPLACE FUNCTION liendoan_path_ids(p_path text) RETURNS uuid[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT string_to_array(trim(both '/' from p_path), '/')::uuid[] $$;
--> statement-breakpoint
-- Adds dated changes, given with the tree path of the union they belong to, to the rollups of
-- every union on that path. Rows are locked root first, in the same order in every transaction,
-- so two writers cannot deadlock on them.
CREATE OR REPLACE FUNCTION liendoan_rollup_add(p_paths text[], p_figures text[], p_days date[], p_values bigint[]) RETURNS void
  LANGUAGE sql AS $$
INSERT INTO union_figure_rollups AS r (union_id, figure, day, value)
SELECT a.union_id, d.figure, d.day, sum(d.value)
  FROM unnest(p_paths, p_figures, p_days, p_values) AS d(path, figure, day, value)
  CROSS JOIN LATERAL unnest(liendoan_path_ids(d.path)) WITH ORDINALITY AS a(union_id, depth)
 GROUP BY a.union_id, d.figure, d.day
HAVING sum(d.value) <> 0
 ORDER BY min(a.depth), a.union_id, d.figure, d.day
ON CONFLICT (union_id, figure, day) DO UPDATE SET value = r.value + excluded.value
$$;
--> statement-breakpoint
-- Each union's own changes computed from its records. The rules
-- mirror the dashboard's reading of the records on a day (target-metrics.ts): a grassroots union
-- is active from established_on until the day its status changed; an agreement is in force from
-- in_force_on through expires_on, until ended_on; a certificate is valid from issued_on until
-- revoked or its topic's validity runs out. Intervals are [start, end) with a null end for open.
CREATE OR REPLACE FUNCTION liendoan_union_own_figures(p_ids uuid[]) RETURNS TABLE (union_id uuid, figure text, day date, value bigint)
  LANGUAGE sql STABLE AS $$
WITH ids AS (SELECT DISTINCT i.id FROM unnest(p_ids) AS i(id)),
-- A union whose placements are all closed (dissolved, merged away) no longer counts its members
-- from the day it closed, as on the dashboard; its admissions still count.
closed AS (
  SELECT p.union_id, max(p.valid_to) AS closed_on
    FROM ids JOIN union_placements p ON p.union_id = ids.id
   GROUP BY p.union_id
  HAVING bool_and(p.valid_to IS NOT NULL)),
g AS (
  SELECT u.id, u.sector, u.established_on AS act_from,
         CASE WHEN u.status <> 'active' THEN u.status_effective_date END AS act_to,
         coalesce(u.founding_decision_date, u.established_on) AS founded_on
    FROM ids JOIN unions u ON u.id = ids.id
    JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots),
ga AS (SELECT g.* FROM g WHERE g.act_from IS NOT NULL AND (g.act_to IS NULL OR g.act_to > g.act_from)),
chair AS (
  SELECT ga.id AS union_id, t.id AS term_id, t.member_id,
         greatest(t.started_on, ga.act_from) AS s, least(t.ended_on, ga.act_to) AS e
    FROM ga
    JOIN officer_terms t ON t.union_id = ga.id
    JOIN officer_positions p ON p.id = t.position_id AND p.code = 'chairperson'),
-- Intervals counted one by one.
counted AS (
  SELECT ga.id AS union_id, 'grassroots_active' AS figure, ga.act_from AS s, ga.act_to AS e FROM ga
  UNION ALL
  SELECT ga.id, 'grassroots_active:' || ga.sector, ga.act_from, ga.act_to FROM ga WHERE ga.sector IS NOT NULL
  UNION ALL
  SELECT ga.id, 'agreements_in_force', greatest(a.in_force_on, ga.act_from), least(a.expires_on + 1, a.ended_on, ga.act_to)
    FROM ga JOIN agreements a ON a.union_id = ga.id AND a.in_force_on IS NOT NULL AND a.expires_on IS NOT NULL
  UNION ALL
  SELECT chair.union_id, 'chairpersons', chair.s, chair.e FROM chair),
-- Intervals merged per key first: a union is covered while any agreement is in force; a
-- chairperson is trained while any certificate on the topic is valid.
merged AS (
  SELECT ga.id AS union_id, 'agreements_covered' AS figure, ga.id::text AS key,
         greatest(a.in_force_on, ga.act_from) AS s, least(a.expires_on + 1, a.ended_on, ga.act_to) AS e
    FROM ga JOIN agreements a ON a.union_id = ga.id AND a.in_force_on IS NOT NULL AND a.expires_on IS NOT NULL
  UNION ALL
  SELECT ga.id, 'agreements_covered:' || ga.sector, ga.id::text,
         greatest(a.in_force_on, ga.act_from), least(a.expires_on + 1, a.ended_on, ga.act_to)
    FROM ga JOIN agreements a ON a.union_id = ga.id AND a.in_force_on IS NOT NULL AND a.expires_on IS NOT NULL
   WHERE ga.sector IS NOT NULL
  UNION ALL
  SELECT chair.union_id, 'chairpersons_trained:' || ct.topic_id, chair.term_id::text,
         greatest(chair.s, c.issued_on),
         least(chair.e,
               CASE WHEN c.status <> 'valid' THEN coalesce(c.revoked_on, c.issued_on) END,
               (c.issued_on + make_interval(years => tt.validity_years))::date)
    FROM chair
    JOIN training_certificates c ON c.member_id = chair.member_id
    JOIN training_class_topics ct ON ct.class_id = c.class_id
    JOIN training_topics tt ON tt.id = ct.topic_id),
merged_steps AS (
  SELECT m.union_id, m.figure, m.key, x.day, sum(x.step) AS step
    FROM merged m CROSS JOIN LATERAL (VALUES (m.s, 1), (m.e, -1)) AS x(day, step)
   WHERE (m.e IS NULL OR m.e > m.s) AND x.day IS NOT NULL
   GROUP BY 1, 2, 3, 4),
merged_running AS (
  SELECT s.*, sum(s.step) OVER (PARTITION BY s.union_id, s.figure, s.key ORDER BY s.day) AS running FROM merged_steps s),
changes AS (
  SELECT c.union_id, c.figure, x.day, x.step AS value
    FROM counted c CROSS JOIN LATERAL (VALUES (c.s, 1), (c.e, -1)) AS x(day, step)
   WHERE (c.e IS NULL OR c.e > c.s) AND x.day IS NOT NULL
  UNION ALL
  SELECT r.union_id, r.figure, r.day,
         CASE WHEN r.running > 0 AND r.running - r.step = 0 THEN 1 WHEN r.running = 0 AND r.running - r.step > 0 THEN -1 ELSE 0 END
    FROM merged_running r
  UNION ALL
  SELECT g.id, 'grassroots_founded', g.founded_on, 1 FROM g WHERE g.founded_on IS NOT NULL
  UNION ALL
  -- Agreements signed count at any unit, as the targets' results count them.
  SELECT a.union_id, 'agreements_signed', a.signed_on, 1 FROM ids JOIN agreements a ON a.union_id = ids.id WHERE a.signed_on IS NOT NULL
  UNION ALL
  -- Ratings count every grassroots union that stood in the subtree, as on the dashboard.
  SELECT g.id, 'rating:' || g.sector || ':' || r.grade_id, make_date(r.year, 1, 1), 1
    FROM g JOIN union_ratings r ON r.union_id = g.id AND r.superseded_at IS NULL
   WHERE g.sector IS NOT NULL
  UNION ALL
  SELECT sp.union_id, 'disbursed:' || sp.program_id, sp.disbursed_on, sp.amount_vnd
    FROM ids JOIN support_payments sp ON sp.union_id = ids.id
   WHERE sp.status = 'disbursed' AND sp.disbursed_on IS NOT NULL
  UNION ALL
  SELECT c.union_id, 'members_active', closed.closed_on, -c.active FROM closed JOIN union_member_counts c ON c.union_id = closed.union_id
  UNION ALL
  SELECT c.union_id, 'members_female', closed.closed_on, -c.active_female FROM closed JOIN union_member_counts c ON c.union_id = closed.union_id)
SELECT c.union_id, c.figure, c.day, sum(c.value)::bigint
  FROM changes c
 GROUP BY c.union_id, c.figure, c.day
HAVING sum(c.value) <> 0
$$;
--> statement-breakpoint
-- Every union's own changes, with the members' summaries (kept by the triggers of 0007).
CREATE OR REPLACE VIEW union_figure_sources AS
SELECT f.union_id, f.figure, f.day, f.value FROM union_figure_changes f
UNION ALL
SELECT c.union_id, 'members_active', '-infinity'::date, c.active::bigint FROM union_member_counts c WHERE c.active <> 0
UNION ALL
SELECT c.union_id, 'members_female', '-infinity'::date, c.active_female::bigint FROM union_member_counts c WHERE c.active_female <> 0
UNION ALL
SELECT a.union_id, 'admitted', a.month, a.admitted::bigint FROM union_admission_months a WHERE a.admitted <> 0;
--> statement-breakpoint
-- Recomputes the own changes of some unions from their records and adds the difference to
-- their ancestors' rollups.
CREATE OR REPLACE FUNCTION liendoan_refresh_union_figures(p_ids uuid[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 OR current_setting('liendoan.rollups_paused', true) = 'on' THEN
    RETURN;
  END IF;
  -- One refresh of a union at a time: a second waits here, then reads what the first committed
  -- (its own changes would otherwise be replaced twice from the same old rows).
  PERFORM 1 FROM unions u WHERE u.id = ANY (p_ids) ORDER BY u.id FOR NO KEY UPDATE;
  CREATE TEMP TABLE IF NOT EXISTS liendoan_fresh_figures (union_id uuid, figure text, day date, value bigint) ON COMMIT DELETE ROWS;
  DELETE FROM liendoan_fresh_figures;
  INSERT INTO liendoan_fresh_figures SELECT * FROM liendoan_union_own_figures(p_ids);
  PERFORM liendoan_rollup_add(array_agg(u.path), array_agg(d.figure), array_agg(d.day), array_agg(d.value))
     FROM (SELECT x.union_id, x.figure, x.day, sum(x.value)::bigint AS value
             FROM (SELECT f.union_id, f.figure, f.day, f.value FROM liendoan_fresh_figures f
                   UNION ALL
                   SELECT o.union_id, o.figure, o.day, -o.value FROM union_figure_changes o WHERE o.union_id = ANY (p_ids)) x
            GROUP BY 1, 2, 3
           HAVING sum(x.value) <> 0) d
     JOIN unions u ON u.id = d.union_id;
  DELETE FROM union_figure_changes WHERE union_id = ANY (p_ids);
  INSERT INTO union_figure_changes (union_id, figure, day, value) SELECT * FROM liendoan_fresh_figures;
  DELETE FROM liendoan_fresh_figures;
END
$$;
--> statement-breakpoint
-- Statement-level trigger of the tables the figures read. TG_ARGV[0] names what the changed rows
-- point at: a union (union_id), a member (member_id: the unions where they hold a term), a
-- training class (class_id) or a training topic (id).
CREATE OR REPLACE FUNCTION liendoan_figures_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  key_column text := TG_ARGV[0];
  keys uuid[];
  ids uuid[];
BEGIN
  IF current_setting('liendoan.rollups_paused', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT array_agg(DISTINCT n.%I) FROM new_rows n', key_column) INTO keys;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(DISTINCT o.%I) FROM old_rows o', key_column) INTO keys;
  ELSE
    EXECUTE format('SELECT array_agg(DISTINCT k) FROM (SELECT n.%1$I AS k FROM new_rows n UNION SELECT o.%1$I FROM old_rows o) x', key_column) INTO keys;
  END IF;
  IF keys IS NULL THEN
    RETURN NULL;
  END IF;
  IF key_column = 'union_id' THEN
    ids := keys;
  ELSIF key_column = 'member_id' THEN
    SELECT array_agg(DISTINCT t.union_id) INTO ids FROM officer_terms t WHERE t.member_id = ANY (keys);
  ELSIF key_column = 'class_id' THEN
    SELECT array_agg(DISTINCT t.union_id) INTO ids
      FROM training_certificates c JOIN officer_terms t ON t.member_id = c.member_id
     WHERE c.class_id = ANY (keys);
  ELSE
    SELECT array_agg(DISTINCT t.union_id) INTO ids
      FROM training_class_topics ct
      JOIN training_certificates c ON c.class_id = ct.class_id
      JOIN officer_terms t ON t.member_id = c.member_id
     WHERE ct.topic_id = ANY (keys);
  END IF;
  PERFORM liendoan_refresh_union_figures(ids);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A union moved (its path changed): its own figures, members included, leave the ancestors it
-- left and join the ones it joined; then its own changes are recomputed (status, dates, sector).
CREATE OR REPLACE FUNCTION liendoan_unions_figures_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('liendoan.rollups_paused', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM liendoan_rollup_add(array_agg(x.path), array_agg(x.figure), array_agg(x.day), array_agg(x.value))
       FROM (SELECT o.path, s.figure, s.day, -s.value AS value
               FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.path <> o.path
               JOIN union_figure_sources s ON s.union_id = o.id
             UNION ALL
             SELECT n.path, s.figure, s.day, s.value
               FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.path <> o.path
               JOIN union_figure_sources s ON s.union_id = n.id) x;
  END IF;
  PERFORM liendoan_refresh_union_figures(array_agg(n.id)) FROM new_rows n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The members' summaries change row by row (their triggers upsert them): each change goes up the tree.
CREATE OR REPLACE FUNCTION liendoan_member_summaries_rollup() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  summary_union uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.union_id ELSE NEW.union_id END;
  union_path text;
BEGIN
  IF current_setting('liendoan.rollups_paused', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT u.path INTO union_path FROM unions u WHERE u.id = summary_union;
  IF TG_TABLE_NAME = 'union_member_counts' THEN
    PERFORM liendoan_rollup_add(ARRAY[union_path, union_path], ARRAY['members_active', 'members_female'],
      ARRAY['-infinity', '-infinity']::date[],
      ARRAY[(CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.active END) - (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.active END),
            (CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.active_female END) - (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.active_female END)]::bigint[]);
    -- A closed union's count is taken off again from the day it closed (its own changes).
    IF NOT EXISTS (SELECT 1 FROM union_placements p WHERE p.union_id = summary_union AND p.valid_to IS NULL) THEN
      PERFORM liendoan_refresh_union_figures(ARRAY[summary_union]);
    END IF;
  ELSE
    PERFORM liendoan_rollup_add(ARRAY[union_path], ARRAY['admitted'],
      ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.month ELSE NEW.month END]::date[],
      ARRAY[(CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.admitted END) - (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.admitted END)]::bigint[]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER union_member_counts_rollup AFTER INSERT OR UPDATE OR DELETE ON union_member_counts
  FOR EACH ROW EXECUTE FUNCTION liendoan_member_summaries_rollup();
--> statement-breakpoint
CREATE TRIGGER union_admission_months_rollup AFTER INSERT OR UPDATE OR DELETE ON union_admission_months
  FOR EACH ROW EXECUTE FUNCTION liendoan_member_summaries_rollup();
--> statement-breakpoint
CREATE TRIGGER unions_figures_insert AFTER INSERT ON unions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_unions_figures_changed();
--> statement-breakpoint
CREATE TRIGGER unions_figures_update AFTER UPDATE ON unions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_unions_figures_changed();
--> statement-breakpoint
CREATE TRIGGER agreements_figures_insert AFTER INSERT ON agreements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER agreements_figures_update AFTER UPDATE ON agreements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER agreements_figures_delete AFTER DELETE ON agreements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER union_ratings_figures_insert AFTER INSERT ON union_ratings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER union_ratings_figures_update AFTER UPDATE ON union_ratings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER union_ratings_figures_delete AFTER DELETE ON union_ratings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER support_payments_figures_insert AFTER INSERT ON support_payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER support_payments_figures_update AFTER UPDATE ON support_payments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER support_payments_figures_delete AFTER DELETE ON support_payments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER officer_terms_figures_insert AFTER INSERT ON officer_terms
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER officer_terms_figures_update AFTER UPDATE ON officer_terms
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER officer_terms_figures_delete AFTER DELETE ON officer_terms
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER training_certificates_figures_insert AFTER INSERT ON training_certificates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('member_id');
--> statement-breakpoint
CREATE TRIGGER training_certificates_figures_update AFTER UPDATE ON training_certificates
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('member_id');
--> statement-breakpoint
CREATE TRIGGER training_certificates_figures_delete AFTER DELETE ON training_certificates
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('member_id');
--> statement-breakpoint
CREATE TRIGGER training_class_topics_figures_insert AFTER INSERT ON training_class_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('class_id');
--> statement-breakpoint
CREATE TRIGGER training_class_topics_figures_update AFTER UPDATE ON training_class_topics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('class_id');
--> statement-breakpoint
CREATE TRIGGER training_class_topics_figures_delete AFTER DELETE ON training_class_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('class_id');
--> statement-breakpoint
CREATE TRIGGER training_topics_figures_insert AFTER INSERT ON training_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('id');
--> statement-breakpoint
CREATE TRIGGER training_topics_figures_update AFTER UPDATE ON training_topics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('id');
--> statement-breakpoint
CREATE TRIGGER training_topics_figures_delete AFTER DELETE ON training_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('id');
--> statement-breakpoint
CREATE TRIGGER union_placements_figures_insert AFTER INSERT ON union_placements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER union_placements_figures_update AFTER UPDATE ON union_placements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
CREATE TRIGGER union_placements_figures_delete AFTER DELETE ON union_placements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liendoan_figures_changed('union_id');
--> statement-breakpoint
-- Folds old changes into one row per figure dated -infinity, so the root of a national tree
-- reads a few thousand rows rather than one per day since its oldest union was founded. Today's
-- dashboard is the only reader (past days read the records), so what it reads stays the same:
-- a stock is summed up to today, so every change before yesterday can fold (a day of margin for
-- the server's clock against Vietnam's); a flow is summed from 1 January (admissions: of the
-- fourth year before), so changes before the previous year can fold (the targets' results read
-- longer periods from the records). Ratings keep their years.
-- Run by the rebuild; changes written later stay unfolded until the next one, which costs a row
-- per figure and day.
CREATE OR REPLACE FUNCTION liendoan_fold_day(p_figure text, p_day date) RETURNS date
  LANGUAGE sql STABLE AS $$
SELECT CASE WHEN p_figure LIKE 'rating:%' OR p_day < CASE
         WHEN p_figure = 'admitted' THEN make_date(extract(year FROM current_date)::int - 5, 1, 1)
         WHEN p_figure IN ('grassroots_founded', 'agreements_signed') OR p_figure LIKE 'disbursed:%' THEN make_date(extract(year FROM current_date)::int - 1, 1, 1)
         ELSE current_date - 1 END
       THEN CASE WHEN p_figure LIKE 'rating:%' THEN p_day ELSE '-infinity'::date END
       ELSE p_day END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_fold_rollups() RETURNS void
  LANGUAGE sql AS $$
WITH folded AS (
  DELETE FROM union_figure_rollups r
   WHERE r.day > '-infinity'::date AND liendoan_fold_day(r.figure, r.day) <> r.day
  RETURNING r.union_id, r.figure, r.value)
INSERT INTO union_figure_rollups AS r (union_id, figure, day, value)
SELECT f.union_id, f.figure, '-infinity'::date, sum(f.value) FROM folded f GROUP BY f.union_id, f.figure
ON CONFLICT (union_id, figure, day) DO UPDATE SET value = r.value + excluded.value;
DELETE FROM union_figure_rollups WHERE value = 0;
$$;
--> statement-breakpoint
-- Rebuilds the own changes and the rollups from the records in one pass (this migration's
-- backfill; seed:scale after its bulk load).
CREATE OR REPLACE FUNCTION liendoan_rebuild_union_figures() RETURNS void
  LANGUAGE sql AS $$
DELETE FROM union_figure_rollups;
DELETE FROM union_figure_changes;
INSERT INTO union_figure_changes (union_id, figure, day, value) SELECT * FROM liendoan_union_own_figures(ARRAY(SELECT u.id FROM unions u));
INSERT INTO union_figure_rollups (union_id, figure, day, value)
SELECT a.union_id, s.figure, s.day, sum(s.value)
  FROM union_figure_sources s
  JOIN unions u ON u.id = s.union_id
  CROSS JOIN LATERAL unnest(liendoan_path_ids(u.path)) AS a(union_id)
 GROUP BY a.union_id, s.figure, s.day
HAVING sum(s.value) <> 0;
SELECT liendoan_fold_rollups();
$$;
--> statement-breakpoint
-- The members' summaries are rebuilt without the row-by-row roll-up, then everything is rolled
-- up once (unless the session pauses the rollups: seed:scale rebuilds them at its end).
CREATE OR REPLACE FUNCTION liendoan_rebuild_member_summaries() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  was_paused boolean := coalesce(current_setting('liendoan.rollups_paused', true), '') = 'on';
BEGIN
  PERFORM set_config('liendoan.rollups_paused', 'on', true);
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
  PERFORM set_config('liendoan.rollups_paused', CASE WHEN was_paused THEN 'on' ELSE 'off' END, true);
  IF NOT was_paused THEN
    PERFORM liendoan_rebuild_union_figures();
  END IF;
END
$$;
--> statement-breakpoint
SELECT liendoan_rebuild_union_figures();
