CREATE TABLE "digests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "digests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"position" bigint NOT NULL,
	"streams" integer NOT NULL,
	"events" bigint NOT NULL,
	"root" text NOT NULL,
	"signature" text NOT NULL,
	"public_key" text NOT NULL,
	"key_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"stream_id" text,
	"status" text NOT NULL,
	"checked_streams" integer DEFAULT 0 NOT NULL,
	"total_streams" integer DEFAULT 0 NOT NULL,
	"checked_events" bigint DEFAULT 0 NOT NULL,
	"invalid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cursor" text,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"error" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "events_recorded_at_idx";--> statement-breakpoint
CREATE INDEX "digests_created_idx" ON "digests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "verification_runs_created_idx" ON "verification_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "verification_runs_stream_idx" ON "verification_runs" USING btree ("stream_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_runs_one_active_idx" ON "verification_runs" USING btree ("scope") WHERE scope = 'all' and status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "events_stream_position_idx" ON "events" USING btree ("stream_id","global_position");--> statement-breakpoint
CREATE INDEX "events_actor_position_idx" ON "events" USING btree (("metadata" ->> 'actor'),"global_position");--> statement-breakpoint
CREATE INDEX "events_causation_idx" ON "events" USING btree (("metadata" ->> 'causationId'));--> statement-breakpoint
CREATE INDEX "events_occurred_at_idx" ON "events" USING btree ("occurred_at","global_position");--> statement-breakpoint
CREATE INDEX "events_recorded_at_idx" ON "events" USING btree ("recorded_at","global_position");