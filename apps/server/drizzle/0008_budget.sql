CREATE TABLE "budget_economic_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"budget_year_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"economic_code" text NOT NULL,
	"economic_name" text,
	"final" bigint
);
--> statement-breakpoint
CREATE TABLE "budget_function_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"budget_year_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"function_code" text NOT NULL,
	"function_name" text,
	"initial" bigint,
	"adjusted" bigint,
	"final" bigint,
	"basic_final" bigint,
	"project_final" bigint
);
--> statement-breakpoint
CREATE TABLE "budget_income_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"budget_year_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"initial" bigint,
	"adjusted" bigint,
	"final" bigint
);
--> statement-breakpoint
CREATE TABLE "budget_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"budget_year_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"initial" bigint,
	"adjusted" bigint,
	"final" bigint,
	"allocated" bigint,
	"key" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_three_public_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"budget_year_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"part" text NOT NULL,
	"budget" bigint,
	"final" bigint,
	"previous_final" bigint
);
--> statement-breakpoint
CREATE TABLE "budget_year" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"grand_total" bigint,
	"income_total_initial" bigint,
	"income_total_adjusted" bigint,
	"income_total_final" bigint,
	"expenditure_total_initial" bigint,
	"expenditure_total_adjusted" bigint,
	"expenditure_total_final" bigint,
	"basic_total_initial" bigint,
	"basic_total_adjusted" bigint,
	"basic_total_final" bigint,
	"project_total_initial" bigint,
	"project_total_adjusted" bigint,
	"project_total_final" bigint,
	"personnel_initial" bigint,
	"personnel_adjusted" bigint,
	"personnel_final" bigint,
	"operating_initial" bigint,
	"operating_adjusted" bigint,
	"operating_final" bigint,
	"carry_in" bigint,
	"carry_out" bigint,
	"three_public_total_budget" bigint,
	"three_public_total_final" bigint,
	"three_public_total_previous" bigint,
	"abroad_groups" integer,
	"abroad_persons" integer,
	"vehicles" integer,
	"vehicles_purchased" integer,
	"reception_batches" integer,
	"reception_persons" integer,
	"running_cost_budget" bigint,
	"running_cost_final" bigint,
	"running_cost_previous" bigint,
	"procurement_planned" bigint,
	"procurement_goods" bigint,
	"procurement_works" bigint,
	"procurement_services" bigint,
	"procurement_sme" bigint,
	"official_card_paid" bigint,
	"official_card_eligible" bigint,
	"key_expenditure_arranged" bigint,
	"key_expenditure_total" bigint,
	"assets_total" bigint,
	"liabilities" bigint,
	"net_assets" bigint,
	"fixed_assets" bigint,
	"fixed_assets_in_use" bigint,
	"asset_vehicles" integer,
	"large_equipment" integer,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finalised_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"narrative" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"frozen_facts" jsonb,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_adjustment" (
	"evaluation_id" uuid NOT NULL,
	"indicator_key" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"score" numeric(7, 3) NOT NULL,
	"reason" text NOT NULL,
	"adjusted_by" uuid,
	"adjusted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_adjustment_evaluation_id_indicator_key_pk" PRIMARY KEY("evaluation_id","indicator_key")
);
--> statement-breakpoint
CREATE TABLE "evaluation_entry" (
	"evaluation_id" uuid NOT NULL,
	"indicator_key" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"entry" jsonb NOT NULL,
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_entry_evaluation_id_indicator_key_pk" PRIMARY KEY("evaluation_id","indicator_key")
);
--> statement-breakpoint
CREATE TABLE "evaluation_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"region_code" char(6) NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"framework_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"region_code" char(6) NOT NULL,
	"group_name" text NOT NULL,
	"issued" integer NOT NULL,
	"valid" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"basically_satisfied" integer NOT NULL,
	"dissatisfied" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_economic_line" ADD CONSTRAINT "budget_economic_line_budget_year_id_budget_year_id_fk" FOREIGN KEY ("budget_year_id") REFERENCES "public"."budget_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_function_line" ADD CONSTRAINT "budget_function_line_budget_year_id_budget_year_id_fk" FOREIGN KEY ("budget_year_id") REFERENCES "public"."budget_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_income_line" ADD CONSTRAINT "budget_income_line_budget_year_id_budget_year_id_fk" FOREIGN KEY ("budget_year_id") REFERENCES "public"."budget_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_project" ADD CONSTRAINT "budget_project_budget_year_id_budget_year_id_fk" FOREIGN KEY ("budget_year_id") REFERENCES "public"."budget_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_three_public_line" ADD CONSTRAINT "budget_three_public_line_budget_year_id_budget_year_id_fk" FOREIGN KEY ("budget_year_id") REFERENCES "public"."budget_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_year" ADD CONSTRAINT "budget_year_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_year" ADD CONSTRAINT "budget_year_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_year" ADD CONSTRAINT "budget_year_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_adjustment" ADD CONSTRAINT "evaluation_adjustment_evaluation_id_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_adjustment" ADD CONSTRAINT "evaluation_adjustment_adjusted_by_app_user_id_fk" FOREIGN KEY ("adjusted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entry" ADD CONSTRAINT "evaluation_entry_evaluation_id_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entry" ADD CONSTRAINT "evaluation_entry_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_event" ADD CONSTRAINT "evaluation_event_evaluation_id_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_event" ADD CONSTRAINT "evaluation_event_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework" ADD CONSTRAINT "framework_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version" ADD CONSTRAINT "framework_version_framework_id_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."framework"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version" ADD CONSTRAINT "framework_version_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_group" ADD CONSTRAINT "survey_group_evaluation_id_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_economic_line_uq" ON "budget_economic_line" USING btree ("budget_year_id","economic_code");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_function_line_uq" ON "budget_function_line" USING btree ("budget_year_id","function_code");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_income_line_uq" ON "budget_income_line" USING btree ("budget_year_id","source");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_project_uq" ON "budget_project" USING btree ("budget_year_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_three_public_line_uq" ON "budget_three_public_line" USING btree ("budget_year_id","part");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_year_unit_year_uq" ON "budget_year" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "budget_year_region_idx" ON "budget_year" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_unit_year_version_uq" ON "evaluation" USING btree ("unit_id","year","framework_version_id");--> statement-breakpoint
CREATE INDEX "evaluation_region_year_idx" ON "evaluation" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "evaluation_event_idx" ON "evaluation_event" USING btree ("evaluation_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_code_uq" ON "framework" USING btree ("region_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_version_uq" ON "framework_version" USING btree ("framework_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_group_uq" ON "survey_group" USING btree ("evaluation_id","group_name");