CREATE TABLE "folder_links" (
	"id" text PRIMARY KEY NOT NULL,
	"folder_id" uuid NOT NULL,
	"owner_id" text NOT NULL,
	"link_salt" text NOT NULL,
	"wrapped_folder_key" text NOT NULL,
	"access_verifier" text NOT NULL,
	"has_password" boolean NOT NULL,
	"expires_at" timestamp with time zone,
	"max_downloads" integer,
	"download_count" integer DEFAULT 0 NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"last_access_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "folder_links_max_downloads_positive" CHECK ("folder_links"."max_downloads" IS NULL OR "folder_links"."max_downloads" > 0)
);
--> statement-breakpoint
CREATE TABLE "folder_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"folder_id" uuid NOT NULL,
	"owner_id" text NOT NULL,
	"recipient_id" text NOT NULL,
	"envelope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "folder_links" ADD CONSTRAINT "folder_links_folder_id_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_links" ADD CONSTRAINT "folder_links_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_shares" ADD CONSTRAINT "folder_shares_folder_id_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_shares" ADD CONSTRAINT "folder_shares_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_shares" ADD CONSTRAINT "folder_shares_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "folder_links_folder_idx" ON "folder_links" USING btree ("folder_id");--> statement-breakpoint
CREATE INDEX "folder_links_owner_idx" ON "folder_links" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "folder_shares_folder_recipient_idx" ON "folder_shares" USING btree ("folder_id","recipient_id");--> statement-breakpoint
CREATE INDEX "folder_shares_recipient_idx" ON "folder_shares" USING btree ("recipient_id");