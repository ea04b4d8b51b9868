CREATE TABLE "agreement_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agreement_id" uuid NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by_user_id" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_documents_type_valid" CHECK ("agreement_documents"."type" IN ('agreement_text', 'signing_minutes', 'registration_notice', 'other')),
	CONSTRAINT "agreement_documents_media_valid" CHECK ("agreement_documents"."media_type" IN ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "agreement_documents_size_positive" CHECK ("agreement_documents"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "agreement_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agreement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_date" date NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_grades" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"criteria" text NOT NULL,
	"min_favourable_terms" integer DEFAULT 0 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'enterprise' NOT NULL,
	"title" text NOT NULL,
	"union_id" uuid NOT NULL,
	"employer_name" text NOT NULL,
	"employer_tax_code" text,
	"employer_key" text GENERATED ALWAYS AS (coalesce(employer_tax_code, liendoan_normalize(employer_name))) STORED NOT NULL,
	"search_text" text GENERATED ALWAYS AS (liendoan_normalize(title || ' ' || employer_name || coalesce(' ' || employer_tax_code, ''))) STORED NOT NULL,
	"status" text DEFAULT 'negotiating' NOT NULL,
	"signed_on" date,
	"effective_on" date,
	"expires_on" date,
	"registered_on" date,
	"registration_number" text,
	"in_force_on" date,
	"ended_on" date,
	"end_reason" text,
	"workers_covered" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"favourable_terms" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"grade_code" text,
	"graded_on" date,
	"graded_by_user_id" uuid,
	"grade_note" text,
	"replaces_id" uuid,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_status_valid" CHECK ("agreements"."status" IN ('negotiating', 'signed', 'registered', 'in_force', 'expired', 'replaced', 'terminated')),
	CONSTRAINT "agreements_kind_valid" CHECK ("agreements"."kind" IN ('enterprise', 'sector', 'multi_employer')),
	CONSTRAINT "agreements_workers_positive" CHECK ("agreements"."workers_covered" > 0),
	CONSTRAINT "agreements_signed_dates" CHECK ("agreements"."status" IN ('negotiating', 'terminated') OR ("agreements"."signed_on" IS NOT NULL AND "agreements"."effective_on" IS NOT NULL AND "agreements"."expires_on" IS NOT NULL)),
	CONSTRAINT "agreements_dates_order" CHECK ("agreements"."effective_on" >= "agreements"."signed_on" AND "agreements"."expires_on" > "agreements"."effective_on"),
	CONSTRAINT "agreements_term_max" CHECK ("agreements"."expires_on" < "agreements"."effective_on" + interval '3 years'),
	CONSTRAINT "agreements_in_force_dated" CHECK ("agreements"."status" NOT IN ('in_force', 'expired', 'replaced') OR "agreements"."in_force_on" IS NOT NULL),
	CONSTRAINT "agreements_ended_dated" CHECK ("agreements"."status" NOT IN ('terminated', 'replaced') OR "agreements"."ended_on" IS NOT NULL),
	CONSTRAINT "agreements_graded" CHECK (("agreements"."grade_code" IS NULL) = ("agreements"."graded_on" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_events" ADD CONSTRAINT "agreement_events_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_events" ADD CONSTRAINT "agreement_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_grade_code_agreement_grades_code_fk" FOREIGN KEY ("grade_code") REFERENCES "public"."agreement_grades"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_graded_by_user_id_users_id_fk" FOREIGN KEY ("graded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_replaces_id_agreements_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_documents_storage_key" ON "agreement_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "agreement_documents_agreement_idx" ON "agreement_documents" USING btree ("agreement_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "agreement_events_agreement_idx" ON "agreement_events" USING btree ("agreement_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_in_force_key" ON "agreements" USING btree ("union_id","employer_key") WHERE "agreements"."status" = 'in_force';--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_pending_key" ON "agreements" USING btree ("union_id","employer_key") WHERE "agreements"."status" IN ('negotiating', 'signed', 'registered');--> statement-breakpoint
CREATE INDEX "agreements_union_idx" ON "agreements" USING btree ("union_id","signed_on");--> statement-breakpoint
CREATE INDEX "agreements_signed_idx" ON "agreements" USING btree ("signed_on","id");--> statement-breakpoint
CREATE INDEX "agreements_expires_idx" ON "agreements" USING btree ("expires_on","id") WHERE "agreements"."status" = 'in_force';--> statement-breakpoint
CREATE INDEX "agreements_effective_idx" ON "agreements" USING btree ("effective_on") WHERE "agreements"."status" = 'registered';--> statement-breakpoint
CREATE INDEX "agreements_replaces_idx" ON "agreements" USING btree ("replaces_id");--> statement-breakpoint
CREATE INDEX "agreements_search_trgm_idx" ON "agreements" USING gin ("search_text" gin_trgm_ops);