CREATE TABLE "decision_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"decision_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "establishment_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"doc_number" text NOT NULL,
	"doc_date" date NOT NULL,
	"effective_date" date NOT NULL,
	"approving_body" text NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"reject_reason" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone,
	"applied_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "establishment_quota" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"amount" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "leadership_post_quota" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"level" text NOT NULL,
	"amount" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "region_control" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"control" text NOT NULL,
	"amount" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "unit_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"parent_id" uuid,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"category" text,
	"rank" text,
	"funding_form" text,
	"uscc" text,
	"nameplates" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"sex" char(1) NOT NULL,
	"birth_date" date NOT NULL,
	"citizen_id_sealed" text NOT NULL,
	"citizen_id_index" text NOT NULL,
	"citizen_id_masked" text NOT NULL,
	"ethnicity" char(2),
	"political_status" char(2),
	"education" char(2),
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"post" text,
	"leadership_level" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"enrol_reason" text NOT NULL,
	"disenrol_reason" text,
	"use_plan_id" uuid,
	"decision_id" uuid,
	"exception_approved_by" uuid,
	"exception_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"count" integer NOT NULL,
	"channel" text NOT NULL,
	"year" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"notice_number" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "short_name" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "rank" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "funding_form" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "uscc" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "nameplates" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "functions_text" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_item" ADD CONSTRAINT "decision_item_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishment_decision" ADD CONSTRAINT "establishment_decision_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishment_decision" ADD CONSTRAINT "establishment_decision_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishment_quota" ADD CONSTRAINT "establishment_quota_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishment_quota" ADD CONSTRAINT "establishment_quota_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_post_quota" ADD CONSTRAINT "leadership_post_quota_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_post_quota" ADD CONSTRAINT "leadership_post_quota_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_control" ADD CONSTRAINT "region_control_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_version" ADD CONSTRAINT "unit_version_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_version" ADD CONSTRAINT "unit_version_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_use_plan_id_use_plan_id_fk" FOREIGN KEY ("use_plan_id") REFERENCES "public"."use_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_exception_approved_by_app_user_id_fk" FOREIGN KEY ("exception_approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_plan" ADD CONSTRAINT "use_plan_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_plan" ADD CONSTRAINT "use_plan_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_plan" ADD CONSTRAINT "use_plan_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_item_seq_uq" ON "decision_item" USING btree ("decision_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "establishment_decision_doc_uq" ON "establishment_decision" USING btree ("region_code","doc_number");--> statement-breakpoint
CREATE INDEX "establishment_decision_state_idx" ON "establishment_decision" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "establishment_quota_unit_idx" ON "establishment_quota" USING btree ("unit_id","type","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "establishment_quota_open_uq" ON "establishment_quota" USING btree ("unit_id","type") WHERE valid_to is null;--> statement-breakpoint
CREATE UNIQUE INDEX "leadership_post_quota_open_uq" ON "leadership_post_quota" USING btree ("unit_id","level") WHERE valid_to is null;--> statement-breakpoint
CREATE UNIQUE INDEX "region_control_open_uq" ON "region_control" USING btree ("region_code","control") WHERE valid_to is null;--> statement-breakpoint
CREATE INDEX "unit_version_unit_idx" ON "unit_version" USING btree ("unit_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_version_open_uq" ON "unit_version" USING btree ("unit_id") WHERE valid_to is null;--> statement-breakpoint
CREATE UNIQUE INDEX "person_citizen_id_uq" ON "person" USING btree ("citizen_id_index");--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "person" USING btree ("region_code","name");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_one_active_uq" ON "placement" USING btree ("person_id") WHERE valid_to is null;--> statement-breakpoint
CREATE INDEX "placement_unit_idx" ON "placement" USING btree ("unit_id","type","valid_from");--> statement-breakpoint
CREATE INDEX "placement_use_plan_idx" ON "placement" USING btree ("use_plan_id");--> statement-breakpoint
CREATE INDEX "use_plan_unit_idx" ON "use_plan" USING btree ("unit_id","type","state");--> statement-breakpoint
CREATE UNIQUE INDEX "use_plan_notice_uq" ON "use_plan" USING btree ("region_code","notice_number");