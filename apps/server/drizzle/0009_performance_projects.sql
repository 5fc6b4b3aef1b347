CREATE TABLE "project_sheet" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"project_name" text NOT NULL,
	"annual_target" text DEFAULT '' NOT NULL,
	"actual_outcome" text DEFAULT '' NOT NULL,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_sheet" ADD CONSTRAINT "project_sheet_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sheet" ADD CONSTRAINT "project_sheet_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_sheet_uq" ON "project_sheet" USING btree ("unit_id","year","project_name");