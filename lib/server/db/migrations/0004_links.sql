CREATE TABLE "links" (
	"id" text PRIMARY KEY NOT NULL,
	"file_id" uuid NOT NULL,
	"owner_id" text NOT NULL,
	"link_salt" text NOT NULL,
	"wrapped_file_key" text NOT NULL,
	"access_verifier" text NOT NULL,
	"has_password" boolean NOT NULL,
	"expires_at" timestamp with time zone,
	"max_downloads" integer,
	"download_count" integer DEFAULT 0 NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"last_access_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "links_max_downloads_positive" CHECK ("links"."max_downloads" IS NULL OR "links"."max_downloads" > 0)
);
--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "replaces_file_id" uuid;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "links_file_idx" ON "links" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "links_owner_idx" ON "links" USING btree ("owner_id");