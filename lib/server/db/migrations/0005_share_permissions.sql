-- Edited by hand from drizzle-kit's output: existing shares were all made by
-- their file's owner, so they are backfilled before the column becomes NOT NULL.
ALTER TABLE "shares" ADD COLUMN "shared_by" text;--> statement-breakpoint
UPDATE "shares" SET "shared_by" = "owner_id";--> statement-breakpoint
ALTER TABLE "shares" ALTER COLUMN "shared_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
