CREATE TABLE "auth_states" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"user_id" text,
	"email" text,
	"server_state" text,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opaque_records" (
	"user_id" text PRIMARY KEY NOT NULL,
	"registration_record" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_keys" (
	"user_id" text PRIMARY KEY NOT NULL,
	"wrapped_root_key_password" text NOT NULL,
	"wrapped_root_key_recovery" text NOT NULL,
	"hpke_public_key" text NOT NULL,
	"wrapped_hpke_private_key" text NOT NULL,
	"identity_public_key" text NOT NULL,
	"wrapped_identity_private_key" text NOT NULL,
	"hpke_key_binding_signature" text NOT NULL,
	"key_check_id" text NOT NULL,
	"key_check_wrapped_file_key" text NOT NULL,
	"key_check_metadata" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"kdf_params" jsonb NOT NULL,
	"recovery_auth_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "opaque_records" ADD CONSTRAINT "opaque_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_keys" ADD CONSTRAINT "user_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_states_expires_at_idx" ON "auth_states" USING btree ("expires_at");