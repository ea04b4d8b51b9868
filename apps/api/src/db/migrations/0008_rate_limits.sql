CREATE TABLE "rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_counters_reset_at_idx" ON "rate_limit_counters" USING btree ("reset_at");--> statement-breakpoint
-- Counters change on every request: not worth a WAL flush each (nor shipping to replicas, which
-- never read them). A crash empties an unlogged table, which only restarts the windows.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
