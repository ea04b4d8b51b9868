CREATE TABLE "member_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"union_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_import_errors" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row_number" integer NOT NULL,
	"column_name" text,
	"value" text,
	"code" text NOT NULL,
	"params" jsonb
);
--> statement-breakpoint
CREATE TABLE "member_import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_size" bigint NOT NULL,
	"file_sha256" text NOT NULL,
	"format" text NOT NULL,
	"scope_union_id" uuid NOT NULL,
	"default_union_id" uuid,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"new_rows" integer DEFAULT 0 NOT NULL,
	"existing_rows" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_import_rows" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"union_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"gender" text NOT NULL,
	"citizen_id" text NOT NULL,
	"phone" text,
	"ethnicity" text,
	"occupation" text,
	"admitted_on" date NOT NULL,
	"card_number" text
);
--> statement-breakpoint
CREATE TABLE "member_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"from_union_id" uuid NOT NULL,
	"to_union_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text,
	"decision_note" text,
	"requested_by_user_id" uuid,
	"decided_by_user_id" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "member_transfers_other_union" CHECK ("member_transfers"."from_union_id" <> "member_transfers"."to_union_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text COLLATE "C" DEFAULT '' NOT NULL,
	"full_name" text NOT NULL,
	"name_key" text COLLATE "C" GENERATED ALWAYS AS (liendoan_normalize(full_name)) STORED NOT NULL,
	"search_text" text GENERATED ALWAYS AS (liendoan_normalize(full_name || coalesce(' ' || card_number, ''))) STORED NOT NULL,
	"date_of_birth" date NOT NULL,
	"gender" text NOT NULL,
	"citizen_id" text,
	"phone" text,
	"ethnicity" text,
	"occupation" text,
	"admitted_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_date" date,
	"status_reason" text,
	"card_number" text COLLATE "C",
	"card_issued_on" date,
	"card_status" text DEFAULT 'none' NOT NULL,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_gender_valid" CHECK ("members"."gender" IN ('male', 'female')),
	CONSTRAINT "members_status_valid" CHECK ("members"."status" IN ('active', 'transferred_out', 'left', 'deceased')),
	CONSTRAINT "members_card_status_valid" CHECK ("members"."card_status" IN ('none', 'active', 'lost')),
	CONSTRAINT "members_citizen_id_format" CHECK ("members"."citizen_id" ~ '^[0-9]{12}$')
);
--> statement-breakpoint
CREATE TABLE "membership_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"card_number" text NOT NULL,
	"kind" text NOT NULL,
	"issued_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"reason" text,
	"issued_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_dates" CHECK ("memberships"."ended_on" IS NULL OR "memberships"."ended_on" >= "memberships"."started_on")
);
--> statement-breakpoint
CREATE TABLE "officer_positions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"single_holder" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "officer_positions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "officer_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"union_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position_id" uuid NOT NULL,
	"single_holder" boolean NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"term_label" text,
	"employment" text NOT NULL,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "officer_terms_dates" CHECK ("officer_terms"."ended_on" IS NULL OR "officer_terms"."ended_on" >= "officer_terms"."started_on"),
	CONSTRAINT "officer_terms_employment_valid" CHECK ("officer_terms"."employment" IN ('full_time', 'part_time'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"route" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response_body" jsonb,
	"response_headers" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_route_key_pk" PRIMARY KEY("user_id","route","key")
);
--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_errors" ADD CONSTRAINT "member_import_errors_job_id_member_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."member_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_jobs" ADD CONSTRAINT "member_import_jobs_scope_union_id_unions_id_fk" FOREIGN KEY ("scope_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_jobs" ADD CONSTRAINT "member_import_jobs_default_union_id_unions_id_fk" FOREIGN KEY ("default_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_jobs" ADD CONSTRAINT "member_import_jobs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_rows" ADD CONSTRAINT "member_import_rows_job_id_member_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."member_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_from_union_id_unions_id_fk" FOREIGN KEY ("from_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_to_union_id_unions_id_fk" FOREIGN KEY ("to_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_cards" ADD CONSTRAINT "membership_cards_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_terms" ADD CONSTRAINT "officer_terms_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_terms" ADD CONSTRAINT "officer_terms_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_terms" ADD CONSTRAINT "officer_terms_position_id_officer_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."officer_positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_events_member_idx" ON "member_events" USING btree ("member_id","recorded_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_import_errors_key" ON "member_import_errors" USING btree ("job_id","seq");--> statement-breakpoint
CREATE INDEX "member_import_jobs_creator_idx" ON "member_import_jobs" USING btree ("created_by_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_import_rows_key" ON "member_import_rows" USING btree ("job_id","row_number");--> statement-breakpoint
CREATE INDEX "member_transfers_member_idx" ON "member_transfers" USING btree ("member_id","requested_at");--> statement-breakpoint
CREATE INDEX "member_transfers_to_idx" ON "member_transfers" USING btree ("to_union_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "member_transfers_from_idx" ON "member_transfers" USING btree ("from_union_id","status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_transfers_one_pending_key" ON "member_transfers" USING btree ("member_id") WHERE "member_transfers"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "members_citizen_id_key" ON "members" USING btree ("citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_card_number_key" ON "members" USING btree ("card_number");--> statement-breakpoint
CREATE INDEX "members_union_idx" ON "members" USING btree ("union_id","name_key","id");--> statement-breakpoint
CREATE INDEX "members_union_path_idx" ON "members" USING btree ("union_path","name_key","id");--> statement-breakpoint
CREATE INDEX "members_search_trgm_idx" ON "members" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "membership_cards_number_key" ON "membership_cards" USING btree ("card_number");--> statement-breakpoint
CREATE INDEX "membership_cards_member_idx" ON "membership_cards" USING btree ("member_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_cards_one_active_key" ON "membership_cards" USING btree ("member_id") WHERE "membership_cards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "memberships_member_idx" ON "memberships" USING btree ("member_id","started_on");--> statement-breakpoint
CREATE INDEX "memberships_union_idx" ON "memberships" USING btree ("union_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_open_key" ON "memberships" USING btree ("member_id") WHERE "memberships"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "officer_terms_union_idx" ON "officer_terms" USING btree ("union_id","started_on");--> statement-breakpoint
CREATE INDEX "officer_terms_member_idx" ON "officer_terms" USING btree ("member_id","started_on");--> statement-breakpoint
CREATE INDEX "officer_terms_position_idx" ON "officer_terms" USING btree ("position_id","union_id") WHERE "officer_terms"."ended_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "officer_terms_one_holder_key" ON "officer_terms" USING btree ("union_id","position_id") WHERE "officer_terms"."ended_on" IS NULL AND "officer_terms"."single_holder";--> statement-breakpoint
CREATE UNIQUE INDEX "officer_terms_member_position_key" ON "officer_terms" USING btree ("member_id","position_id","union_id") WHERE "officer_terms"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
-- Name-ordered walks of members (lists, prefix search) that check the scope and the search
-- text from the index alone (index-only scans).
CREATE INDEX "members_name_key_idx" ON "members" USING btree ("name_key", "id") INCLUDE ("union_path", "search_text");
--> statement-breakpoint
-- A member's copy of their union's tree path: set from the union on every write of union_id,
-- and carried along when a restructuring changes the union's path. A bulk insert that joined
-- the unions already (the import) passes the path and skips one lookup per row.
CREATE OR REPLACE FUNCTION liendoan_member_union_path() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.union_path <> '' THEN
    RETURN NEW;
  END IF;
  NEW.union_path := (SELECT u.path FROM unions u WHERE u.id = NEW.union_id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_union_path
  BEFORE INSERT OR UPDATE OF union_id ON members
  FOR EACH ROW EXECUTE FUNCTION liendoan_member_union_path();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION liendoan_sync_member_paths() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET union_path = NEW.path WHERE union_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER unions_sync_member_paths
  AFTER UPDATE OF path ON unions
  FOR EACH ROW WHEN (NEW.path IS DISTINCT FROM OLD.path)
  EXECUTE FUNCTION liendoan_sync_member_paths();
--> statement-breakpoint
-- Numbers of cards the system issues (the format around them is configuration).
CREATE SEQUENCE IF NOT EXISTS member_card_number_seq;
