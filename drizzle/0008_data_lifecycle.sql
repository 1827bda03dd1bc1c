CREATE TABLE "imports" (
	"import_id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	"streams" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"backup_file" text,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"category" text PRIMARY KEY NOT NULL,
	"max_age_days" integer,
	"max_count" integer,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_holds" (
	"stream_id" text PRIMARY KEY NOT NULL,
	"placed_by" text NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_truncations" (
	"stream_id" text PRIMARY KEY NOT NULL,
	"anchor_version" bigint NOT NULL,
	"anchor_hash" text NOT NULL,
	"removed_events" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_keys" (
	"subject_id" text PRIMARY KEY NOT NULL,
	"wrapped_key" "bytea",
	"master_key_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone,
	"erased_by" text
);
--> statement-breakpoint
CREATE TABLE "subject_streams" (
	"subject_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"events" integer NOT NULL,
	"last_position" bigint NOT NULL,
	CONSTRAINT "subject_streams_subject_id_stream_id_pk" PRIMARY KEY("subject_id","stream_id")
);
--> statement-breakpoint
CREATE INDEX "imports_started_idx" ON "imports" USING btree ("started_at","import_id");--> statement-breakpoint
CREATE INDEX "subject_streams_stream_idx" ON "subject_streams" USING btree ("stream_id");