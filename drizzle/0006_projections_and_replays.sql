CREATE TABLE "agent_activity_daily" (
	"agent_id" text NOT NULL,
	"day" date NOT NULL,
	"tasks" integer NOT NULL,
	"completed" integer NOT NULL,
	"failed" integer NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_usd" numeric NOT NULL,
	CONSTRAINT "agent_activity_daily_agent_id_day_pk" PRIMARY KEY("agent_id","day")
);
--> statement-breakpoint
CREATE TABLE "event_stats_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"category" text NOT NULL,
	"event_type" text NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "event_stats_hourly_hour_category_event_type_pk" PRIMARY KEY("hour","category","event_type")
);
--> statement-breakpoint
CREATE TABLE "projection_failures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"projection" text NOT NULL,
	"global_position" bigint NOT NULL,
	"stream_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"attempts" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projections" (
	"name" text PRIMARY KEY NOT NULL,
	"position" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"last_error" text,
	"rebuilt_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replays" (
	"id" uuid PRIMARY KEY NOT NULL,
	"projection" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"processed" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"events_per_second" double precision DEFAULT 0 NOT NULL,
	"eta_seconds" double precision,
	"position" bigint,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"error" text,
	"launched_by" text NOT NULL,
	"worker_id" text,
	"worker_lock" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_summaries" ADD COLUMN "state" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "projection_failures_position_idx" ON "projection_failures" USING btree ("projection","global_position");--> statement-breakpoint
CREATE INDEX "projection_failures_stream_idx" ON "projection_failures" USING btree ("projection","stream_id","global_position");--> statement-breakpoint
CREATE INDEX "replays_created_idx" ON "replays" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "replays_one_active_idx" ON "replays" USING btree ("projection") WHERE status in ('queued', 'running');