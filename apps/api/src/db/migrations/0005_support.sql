CREATE TABLE "support_hardship_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_ledger" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_ledger_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"program_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"proposed_delta_vnd" bigint DEFAULT 0 NOT NULL,
	"approved_delta_vnd" bigint DEFAULT 0 NOT NULL,
	"disbursed_delta_vnd" bigint DEFAULT 0 NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"reason_kind" text NOT NULL,
	"reason_id" uuid NOT NULL,
	"role" text NOT NULL,
	"beneficiary_kind" text NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"beneficiary_name" text NOT NULL,
	"union_id" uuid NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"rule_amount_vnd" bigint,
	"override_reason" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"note" text,
	"proposed_by_user_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"disbursed_on" date,
	"disbursement_method" text,
	"disbursement_reference" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_payments_amount_positive" CHECK ("support_payments"."amount_vnd" > 0),
	CONSTRAINT "support_payments_maker_checker" CHECK ("support_payments"."approved_by_user_id" IS NULL OR "support_payments"."approved_by_user_id" <> "support_payments"."proposed_by_user_id"),
	CONSTRAINT "support_payments_approved_by" CHECK ("support_payments"."status" NOT IN ('approved', 'disbursed') OR "support_payments"."approved_by_user_id" IS NOT NULL),
	CONSTRAINT "support_payments_disbursed_fields" CHECK (("support_payments"."status" = 'disbursed') = ("support_payments"."disbursed_on" IS NOT NULL AND "support_payments"."disbursement_method" IS NOT NULL AND "support_payments"."disbursement_reference" IS NOT NULL)),
	CONSTRAINT "support_payments_override_reason" CHECK ("support_payments"."status" NOT IN ('approved', 'disbursed') OR "support_payments"."rule_amount_vnd" IS NULL OR "support_payments"."amount_vnd" = "support_payments"."rule_amount_vnd" OR "support_payments"."override_reason" IS NOT NULL),
	CONSTRAINT "support_payments_status_valid" CHECK ("support_payments"."status" IN ('proposed', 'approved', 'disbursed', 'rejected', 'cancelled')),
	CONSTRAINT "support_payments_role_valid" CHECK ("support_payments"."role" IN ('union', 'organiser', 'member')),
	CONSTRAINT "support_payments_reason_valid" CHECK ("support_payments"."reason_kind" IN ('agreement', 'union_founding', 'hardship'))
);
--> statement-breakpoint
CREATE TABLE "support_programs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"search_text" text GENERATED ALWAYS AS (liendoan_normalize(name || ' ' || decision_number)) STORED NOT NULL,
	"description" text,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"union_id" uuid NOT NULL,
	"budget_vnd" bigint NOT NULL,
	"rules" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"proposed_vnd" bigint DEFAULT 0 NOT NULL,
	"approved_vnd" bigint DEFAULT 0 NOT NULL,
	"disbursed_vnd" bigint DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_programs_budget_positive" CHECK ("support_programs"."budget_vnd" > 0),
	CONSTRAINT "support_programs_period_order" CHECK ("support_programs"."period_to" >= "support_programs"."period_from"),
	CONSTRAINT "support_programs_totals_nonnegative" CHECK ("support_programs"."proposed_vnd" >= 0 AND "support_programs"."approved_vnd" >= 0 AND "support_programs"."disbursed_vnd" >= 0),
	CONSTRAINT "support_programs_within_budget" CHECK ("support_programs"."approved_vnd" + "support_programs"."disbursed_vnd" <= "support_programs"."budget_vnd"),
	CONSTRAINT "support_programs_status_valid" CHECK ("support_programs"."status" IN ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "support_hardship_cases" ADD CONSTRAINT "support_hardship_cases_program_id_support_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."support_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_hardship_cases" ADD CONSTRAINT "support_hardship_cases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_hardship_cases" ADD CONSTRAINT "support_hardship_cases_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_hardship_cases" ADD CONSTRAINT "support_hardship_cases_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ledger" ADD CONSTRAINT "support_ledger_program_id_support_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."support_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ledger" ADD CONSTRAINT "support_ledger_payment_id_support_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."support_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ledger" ADD CONSTRAINT "support_ledger_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_payments" ADD CONSTRAINT "support_payments_program_id_support_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."support_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_payments" ADD CONSTRAINT "support_payments_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_payments" ADD CONSTRAINT "support_payments_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_payments" ADD CONSTRAINT "support_payments_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_payments" ADD CONSTRAINT "support_payments_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_programs" ADD CONSTRAINT "support_programs_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_programs" ADD CONSTRAINT "support_programs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_hardship_cases_member_idx" ON "support_hardship_cases" USING btree ("member_id","occurred_on");--> statement-breakpoint
CREATE INDEX "support_ledger_program_idx" ON "support_ledger" USING btree ("program_id","seq");--> statement-breakpoint
CREATE INDEX "support_ledger_payment_idx" ON "support_ledger" USING btree ("payment_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "support_payments_once_key" ON "support_payments" USING btree ("program_id","reason_kind","reason_id","role") WHERE "support_payments"."status" IN ('proposed', 'approved', 'disbursed');--> statement-breakpoint
CREATE INDEX "support_payments_program_idx" ON "support_payments" USING btree ("program_id","status","proposed_at");--> statement-breakpoint
CREATE INDEX "support_payments_union_idx" ON "support_payments" USING btree ("union_id","proposed_at");--> statement-breakpoint
CREATE INDEX "support_payments_beneficiary_idx" ON "support_payments" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "support_payments_reason_idx" ON "support_payments" USING btree ("reason_id");--> statement-breakpoint
CREATE INDEX "support_programs_union_idx" ON "support_programs" USING btree ("union_id","period_from");--> statement-breakpoint
-- Each ledger entry moves its programme's totals in the same transaction; the programme's CHECK
-- (approved + disbursed <= budget) then refuses an approval past the budget, and the row lock
-- this UPDATE takes makes concurrent approvals of one programme wait for each other.
CREATE OR REPLACE FUNCTION liendoan_support_ledger_apply() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE support_programs
     SET proposed_vnd = proposed_vnd + NEW.proposed_delta_vnd,
         approved_vnd = approved_vnd + NEW.approved_delta_vnd,
         disbursed_vnd = disbursed_vnd + NEW.disbursed_delta_vnd
   WHERE id = NEW.program_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER support_ledger_apply
  AFTER INSERT ON support_ledger
  FOR EACH ROW EXECUTE FUNCTION liendoan_support_ledger_apply();
--> statement-breakpoint
-- The ledger is append-only: corrections are new entries, never edits.
CREATE OR REPLACE FUNCTION liendoan_support_ledger_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'support_ledger is append-only' USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER support_ledger_no_update
  BEFORE UPDATE OR DELETE ON support_ledger
  FOR EACH ROW EXECUTE FUNCTION liendoan_support_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER support_ledger_no_truncate
  BEFORE TRUNCATE ON support_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION liendoan_support_ledger_append_only();
