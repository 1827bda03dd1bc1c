CREATE TABLE "events" (
	"global_position" bigint PRIMARY KEY NOT NULL,
	"stream_id" text NOT NULL,
	"category" text NOT NULL,
	"stream_version" bigint NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"schema_version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"transaction_id" "xid8" NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streams" (
	"stream_id" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"version" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_stream_id_version_idx" ON "events" USING btree ("stream_id","stream_version");--> statement-breakpoint
CREATE UNIQUE INDEX "events_event_id_idx" ON "events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "events_type_position_idx" ON "events" USING btree ("event_type","global_position");--> statement-breakpoint
CREATE INDEX "events_category_position_idx" ON "events" USING btree ("category","global_position");--> statement-breakpoint
CREATE INDEX "events_correlation_position_idx" ON "events" USING btree (("metadata" ->> 'correlationId'),"global_position");--> statement-breakpoint
CREATE INDEX "events_recorded_at_idx" ON "events" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "streams_category_stream_id_idx" ON "streams" USING btree ("category","stream_id");--> statement-breakpoint
CREATE INDEX "streams_stream_id_pattern_idx" ON "streams" USING btree ("stream_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "streams_updated_at_idx" ON "streams" USING btree ("updated_at","stream_id");