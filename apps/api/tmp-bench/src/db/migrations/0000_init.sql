-- Extensions and the normalizer behind every accent-insensitive search column.
-- unaccent() is only STABLE (its dictionary could change), so generated columns need an
-- IMMUTABLE wrapper that names the dictionary explicitly.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(value, 'Đ', 'D'), 'đ', 'd'))) $$;
--> statement-breakpoint
CREATE TABLE "rating_grades" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scale_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"rank" integer NOT NULL,
	"is_strong" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_scales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_scales_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "union_ancestors" (
	"ancestor_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"name_key" text NOT NULL,
	"search_text" text NOT NULL,
	CONSTRAINT "union_ancestors_ancestor_id_union_id_pk" PRIMARY KEY("ancestor_id","union_id")
);
--> statement-breakpoint
CREATE TABLE "union_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"union_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"decision_number" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "union_placements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"union_id" uuid NOT NULL,
	"parent_id" uuid,
	"path" text COLLATE "C" NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "union_placements_valid_range" CHECK ("union_placements"."valid_to" IS NULL OR "union_placements"."valid_to" > "union_placements"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "union_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"union_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade_id" uuid NOT NULL,
	"note" text,
	"rated_by_user_id" uuid,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "unions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit_type_id" uuid NOT NULL,
	"parent_id" uuid,
	"path" text COLLATE "C" NOT NULL,
	"depth" integer NOT NULL,
	"employer_name" text,
	"employer_tax_code" text,
	"sector" text,
	"sector_kind" text,
	"workers_employed" integer,
	"address" text,
	"phone" text,
	"founding_decision_number" text,
	"founding_decision_date" date,
	"founding_issuer_id" uuid,
	"established_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_effective_date" date,
	"status_reason" text,
	"merged_into_id" uuid,
	"name_key" text GENERATED ALWAYS AS (liendoan_normalize(name)) STORED NOT NULL,
	"search_text" text GENERATED ALWAYS AS (liendoan_normalize(name || ' ' || code || CASE WHEN employer_name IS NULL OR employer_name = name THEN '' ELSE ' ' || employer_name END || coalesce(' ' || employer_tax_code, ''))) STORED NOT NULL,
	"ancestors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"child_count" integer DEFAULT 0 NOT NULL,
	"latest_rating" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unions_workers_nonnegative" CHECK ("unions"."workers_employed" >= 0),
	CONSTRAINT "unions_not_own_parent" CHECK ("unions"."parent_id" <> "unions"."id"),
	CONSTRAINT "unions_status_valid" CHECK ("unions"."status" IN ('active', 'dissolved', 'merged')),
	CONSTRAINT "unions_sector_valid" CHECK ("unions"."sector" IN ('state', 'non_state'))
);
--> statement-breakpoint
CREATE TABLE "unit_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" integer NOT NULL,
	"is_grassroots" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"full_name" text NOT NULL,
	"role" text NOT NULL,
	"union_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_valid" CHECK ("users"."role" IN ('admin', 'federation_officer', 'union_officer', 'viewer')),
	CONSTRAINT "users_status_valid" CHECK ("users"."status" IN ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"union_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "rating_grades" ADD CONSTRAINT "rating_grades_scale_id_rating_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "public"."rating_scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_ancestors" ADD CONSTRAINT "union_ancestors_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_events" ADD CONSTRAINT "union_events_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_placements" ADD CONSTRAINT "union_placements_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_placements" ADD CONSTRAINT "union_placements_parent_id_unions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_ratings" ADD CONSTRAINT "union_ratings_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_ratings" ADD CONSTRAINT "union_ratings_grade_id_rating_grades_id_fk" FOREIGN KEY ("grade_id") REFERENCES "public"."rating_grades"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unions" ADD CONSTRAINT "unions_unit_type_id_unit_types_id_fk" FOREIGN KEY ("unit_type_id") REFERENCES "public"."unit_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unions" ADD CONSTRAINT "unions_parent_id_unions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unions" ADD CONSTRAINT "unions_founding_issuer_id_unions_id_fk" FOREIGN KEY ("founding_issuer_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unions" ADD CONSTRAINT "unions_merged_into_id_unions_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_grades_scale_code_key" ON "rating_grades" USING btree ("scale_id","code");--> statement-breakpoint
CREATE INDEX "union_ancestors_union_idx" ON "union_ancestors" USING btree ("union_id");--> statement-breakpoint
CREATE INDEX "union_events_union_idx" ON "union_events" USING btree ("union_id","recorded_at","id");--> statement-breakpoint
CREATE INDEX "union_placements_union_idx" ON "union_placements" USING btree ("union_id","valid_from");--> statement-breakpoint
CREATE INDEX "union_placements_path_idx" ON "union_placements" USING btree ("path","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "union_ratings_current_key" ON "union_ratings" USING btree ("union_id","year") WHERE "union_ratings"."superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "union_ratings_year_grade_idx" ON "union_ratings" USING btree ("year","grade_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unions_code_key" ON "unions" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "unions_path_key" ON "unions" USING btree ("path");--> statement-breakpoint
CREATE INDEX "unions_parent_idx" ON "unions" USING btree ("parent_id","name_key","id");--> statement-breakpoint
CREATE INDEX "unions_name_key_idx" ON "unions" USING btree ("name_key","id");--> statement-breakpoint
CREATE INDEX "unions_search_trgm_idx" ON "unions" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_union_idx" ON "users" USING btree ("union_id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
-- Name-ordered walk of a subtree, with the search key alongside so a search never visits the heap.
CREATE INDEX "union_ancestors_order_idx" ON "union_ancestors" USING btree ("ancestor_id", "name_key", "union_id") INCLUDE ("search_text");
--> statement-breakpoint
-- Keeps the derived data of the tree current, in the same transaction as the change:
-- union_ancestors (every ancestor/unit pair), each unit's `ancestors` summary, and parents'
-- `child_count`. AFTER triggers, so rows inserted earlier in the same statement are visible.
CREATE OR REPLACE FUNCTION liendoan_union_ancestors_json(union_path text, own_id uuid) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) ORDER BY p.ord), '[]'::jsonb)
  FROM unnest(string_to_array(trim(both '/' from union_path), '/')::uuid[]) WITH ORDINALITY AS p(id, ord)
  JOIN unions a ON a.id = p.id
  WHERE p.id <> own_id
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_sync_union_tree() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.path IS DISTINCT FROM OLD.path THEN
    IF TG_OP = 'UPDATE' THEN
      DELETE FROM union_ancestors WHERE union_id = NEW.id;
    END IF;
    INSERT INTO union_ancestors (ancestor_id, union_id, name_key, search_text)
    SELECT segment::uuid, NEW.id, NEW.name_key, NEW.search_text
    FROM unnest(string_to_array(trim(both '/' from NEW.path), '/')) AS segment;
    UPDATE unions SET ancestors = liendoan_union_ancestors_json(NEW.path, NEW.id) WHERE id = NEW.id;
  ELSIF NEW.name_key IS DISTINCT FROM OLD.name_key OR NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    UPDATE union_ancestors SET name_key = NEW.name_key, search_text = NEW.search_text WHERE union_id = NEW.id;
  END IF;
  -- A renamed unit is named in the ancestors of its whole subtree.
  IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE unions d SET ancestors = liendoan_union_ancestors_json(d.path, d.id)
    FROM union_ancestors ua
    WHERE ua.ancestor_id = NEW.id AND ua.union_id = d.id AND d.id <> NEW.id;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE unions SET child_count = child_count + 1 WHERE id = NEW.parent_id;
  ELSIF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
    UPDATE unions SET child_count = child_count - 1 WHERE id = OLD.parent_id;
    UPDATE unions SET child_count = child_count + 1 WHERE id = NEW.parent_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER unions_sync_tree
  AFTER INSERT OR UPDATE OF path, parent_id, name, code, employer_name, employer_tax_code ON unions
  FOR EACH ROW EXECUTE FUNCTION liendoan_sync_union_tree();
--> statement-breakpoint
-- Each unit's latest current rating, for lists and detail without a sub-select per row.
CREATE OR REPLACE FUNCTION liendoan_sync_latest_rating() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE unions u SET latest_rating = (
    SELECT jsonb_build_object('year', r.year, 'gradeCode', g.code, 'gradeLabel', g.label)
    FROM union_ratings r JOIN rating_grades g ON g.id = r.grade_id
    WHERE r.union_id = u.id AND r.superseded_at IS NULL
    ORDER BY r.year DESC LIMIT 1)
  WHERE u.id = NEW.union_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER union_ratings_sync_latest
  AFTER INSERT OR UPDATE ON union_ratings
  FOR EACH ROW EXECUTE FUNCTION liendoan_sync_latest_rating();
