CREATE TABLE "annual_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"legal_person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"activities" text DEFAULT '' NOT NULL,
	"changes" text DEFAULT '' NOT NULL,
	"total_assets" bigint,
	"net_assets_start" bigint,
	"net_assets_end" bigint,
	"awards_and_penalties" text DEFAULT '' NOT NULL,
	"donations" text DEFAULT '' NOT NULL,
	"audit_opinion" text DEFAULT '' NOT NULL,
	"staff_approved" integer,
	"staff_actual" integer,
	"staff_as_of" date,
	"first_submitted_on" date,
	"submitted_on" date,
	"late" boolean DEFAULT false NOT NULL,
	"late_days" integer,
	"return_reason" text,
	"reviewed_on" date,
	"reviewed_by" uuid,
	"published_on" date,
	"published_by" uuid,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "random_inspection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"ratio" real,
	"count" integer,
	"stratify_by" text DEFAULT 'none' NOT NULL,
	"inspectors_per_institution" integer DEFAULT 2 NOT NULL,
	"pool" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"algorithm" text,
	"seed" text,
	"candidates" jsonb,
	"draw" jsonb,
	"draw_digest" text,
	"drawn_at" timestamp (3) with time zone,
	"drawn_by" uuid,
	"published_on" date,
	"published_by" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "random_inspection_result" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"campaign_id" uuid NOT NULL,
	"legal_person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"draw_order" integer NOT NULL,
	"stratum" text NOT NULL,
	"inspector_keys" text[] NOT NULL,
	"result" text,
	"findings" text DEFAULT '' NOT NULL,
	"inspected_on" date,
	"rectification_due_on" date,
	"rectification_done_on" date,
	"rectification_note" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "annual_report" ADD CONSTRAINT "annual_report_legal_person_id_legal_person_id_fk" FOREIGN KEY ("legal_person_id") REFERENCES "public"."legal_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_report" ADD CONSTRAINT "annual_report_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_report" ADD CONSTRAINT "annual_report_reviewed_by_app_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_report" ADD CONSTRAINT "annual_report_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_report" ADD CONSTRAINT "annual_report_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection" ADD CONSTRAINT "random_inspection_drawn_by_app_user_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection" ADD CONSTRAINT "random_inspection_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection" ADD CONSTRAINT "random_inspection_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection_result" ADD CONSTRAINT "random_inspection_result_campaign_id_random_inspection_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."random_inspection"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection_result" ADD CONSTRAINT "random_inspection_result_legal_person_id_legal_person_id_fk" FOREIGN KEY ("legal_person_id") REFERENCES "public"."legal_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_inspection_result" ADD CONSTRAINT "random_inspection_result_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_report_lp_year_uq" ON "annual_report" USING btree ("legal_person_id","year");--> statement-breakpoint
CREATE INDEX "annual_report_region_idx" ON "annual_report" USING btree ("region_code","year","state");--> statement-breakpoint
CREATE INDEX "random_inspection_region_idx" ON "random_inspection" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "random_inspection_result_campaign_lp_uq" ON "random_inspection_result" USING btree ("campaign_id","legal_person_id");--> statement-breakpoint
CREATE INDEX "random_inspection_result_lp_idx" ON "random_inspection_result" USING btree ("legal_person_id");