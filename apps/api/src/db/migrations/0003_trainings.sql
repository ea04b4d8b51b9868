CREATE SEQUENCE "public"."training_certificate_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"participant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_participant_id_session_id_pk" PRIMARY KEY("participant_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "training_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"verification_code" text NOT NULL,
	"participant_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"revoked_on" date,
	"revoke_reason" text,
	"issued_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_certificates_status_valid" CHECK ("training_certificates"."status" IN ('valid', 'revoked')),
	CONSTRAINT "training_certificates_revoked" CHECK (("training_certificates"."status" = 'revoked') = ("training_certificates"."revoked_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "training_class_topics" (
	"class_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "training_class_topics_class_id_topic_id_pk" PRIMARY KEY("class_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "training_classes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"title_key" text GENERATED ALWAYS AS (liendoan_normalize(title)) STORED NOT NULL,
	"description" text,
	"organiser_union_id" uuid NOT NULL,
	"audience_positions" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience_sector" text,
	"capacity" integer NOT NULL,
	"trainers" text[] DEFAULT '{}'::text[] NOT NULL,
	"pass_mark" integer,
	"min_attendance_percent" integer DEFAULT 80 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"status_reason" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_classes_capacity_positive" CHECK ("training_classes"."capacity" > 0),
	CONSTRAINT "training_classes_pass_mark_range" CHECK ("training_classes"."pass_mark" IS NULL OR "training_classes"."pass_mark" BETWEEN 0 AND 100),
	CONSTRAINT "training_classes_attendance_range" CHECK ("training_classes"."min_attendance_percent" BETWEEN 1 AND 100),
	CONSTRAINT "training_classes_dates" CHECK ("training_classes"."ends_on" >= "training_classes"."starts_on"),
	CONSTRAINT "training_classes_status_valid" CHECK ("training_classes"."status" IN ('planned', 'open', 'running', 'completed', 'cancelled')),
	CONSTRAINT "training_classes_sector_valid" CHECK ("training_classes"."audience_sector" IN ('state', 'non_state'))
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"class_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"score" integer,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"evaluated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_participants_score_range" CHECK ("training_participants"."score" IS NULL OR "training_participants"."score" BETWEEN 0 AND 100),
	CONSTRAINT "training_participants_status_valid" CHECK ("training_participants"."status" IN ('enrolled', 'withdrawn')),
	CONSTRAINT "training_participants_outcome_valid" CHECK ("training_participants"."outcome" IN ('pending', 'completed', 'not_completed'))
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"class_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"place" text NOT NULL,
	CONSTRAINT "training_sessions_times" CHECK ("training_sessions"."end_time" > "training_sessions"."start_time")
);
--> statement-breakpoint
CREATE TABLE "training_topics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"validity_years" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_topics_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_participant_id_training_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."training_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_certificates" ADD CONSTRAINT "training_certificates_participant_id_training_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."training_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_certificates" ADD CONSTRAINT "training_certificates_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_certificates" ADD CONSTRAINT "training_certificates_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_class_topics" ADD CONSTRAINT "training_class_topics_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_class_topics" ADD CONSTRAINT "training_class_topics_topic_id_training_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."training_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_organiser_union_id_unions_id_fk" FOREIGN KEY ("organiser_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_attendance_session_idx" ON "training_attendance" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_certificates_number_key" ON "training_certificates" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "training_certificates_verification_key" ON "training_certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_certificates_one_valid_key" ON "training_certificates" USING btree ("participant_id") WHERE "training_certificates"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "training_certificates_member_idx" ON "training_certificates" USING btree ("member_id","issued_on");--> statement-breakpoint
CREATE INDEX "training_certificates_class_idx" ON "training_certificates" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "training_class_topics_topic_idx" ON "training_class_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "training_classes_organiser_idx" ON "training_classes" USING btree ("organiser_union_id","starts_on");--> statement-breakpoint
CREATE INDEX "training_classes_starts_idx" ON "training_classes" USING btree ("starts_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_participants_class_member_key" ON "training_participants" USING btree ("class_id","member_id");--> statement-breakpoint
CREATE INDEX "training_participants_member_idx" ON "training_participants" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "training_sessions_class_idx" ON "training_sessions" USING btree ("class_id","date","start_time");