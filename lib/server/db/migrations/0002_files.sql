CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" text NOT NULL,
	"object_key" text NOT NULL,
	"status" text NOT NULL,
	"chunk_size" integer NOT NULL,
	"ciphertext_size" bigint NOT NULL,
	"encrypted_metadata" text,
	"wrapped_file_key" text,
	"upload_id" text,
	"part_size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "files_object_key_unique" UNIQUE("object_key"),
	CONSTRAINT "files_ready_has_keys" CHECK ("files"."status" = 'pending' OR ("files"."wrapped_file_key" IS NOT NULL AND "files"."encrypted_metadata" IS NOT NULL AND "files"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner_status_idx" ON "files" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "files_status_updated_at_idx" ON "files" USING btree ("status","updated_at");