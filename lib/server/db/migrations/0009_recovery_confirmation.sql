ALTER TABLE "user_keys" ADD COLUMN "pending_wrapped_root_key_recovery" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pending_recovery_auth_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_confirmed_at" timestamp with time zone;--> statement-breakpoint
-- Accounts made before the confirmation was recorded passed the sign-up step already; do not ask them again.
UPDATE "users" SET "recovery_confirmed_at" = "created_at";
