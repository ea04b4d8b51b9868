CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"metric" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"assigned_by_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"sector" text,
	"target_value" bigint NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"created_by_user_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_period_order" CHECK ("targets"."period_from" <= "targets"."period_to"),
	CONSTRAINT "targets_value_positive" CHECK ("targets"."target_value" > 0),
	CONSTRAINT "targets_not_self_assigned" CHECK ("targets"."unit_id" <> "targets"."assigned_by_id"),
	CONSTRAINT "targets_sector_valid" CHECK ("targets"."sector" IN ('state', 'non_state'))
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_unions_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_assigned_by_id_unions_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_unit_metric_period_key" ON "targets" USING btree ("unit_id","metric","period_from","period_to",coalesce("sector", ''));--> statement-breakpoint
CREATE INDEX "targets_assigned_by_idx" ON "targets" USING btree ("assigned_by_id");