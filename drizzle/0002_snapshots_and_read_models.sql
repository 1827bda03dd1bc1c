CREATE TABLE "agent_summaries" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"version" bigint NOT NULL,
	"tasks" integer NOT NULL,
	"completed" integer NOT NULL,
	"failed" integer NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"stream_id" text NOT NULL,
	"version" bigint NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_schema_version" integer NOT NULL,
	"codec" text NOT NULL,
	"state" "bytea" NOT NULL,
	"raw_bytes" integer NOT NULL,
	"compressed_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"creation_ms" double precision NOT NULL,
	CONSTRAINT "snapshots_stream_id_version_pk" PRIMARY KEY("stream_id","version")
);
--> statement-breakpoint
CREATE TABLE "workflow_summaries" (
	"workflow_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"version" bigint NOT NULL,
	"steps_total" integer NOT NULL,
	"steps_completed" integer NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "workflow_summaries_updated_idx" ON "workflow_summaries" USING btree ("updated_at","workflow_id");--> statement-breakpoint
CREATE INDEX "workflow_summaries_status_updated_idx" ON "workflow_summaries" USING btree ("status","updated_at","workflow_id");