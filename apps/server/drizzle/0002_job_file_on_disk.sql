ALTER TABLE "job" ADD COLUMN "file_path" text;--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "file_name" text;