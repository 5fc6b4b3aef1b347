CREATE TABLE "publication" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"approved_on" date,
	"published_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_by" uuid NOT NULL,
	"pdf_sm3" text NOT NULL,
	"signature" text,
	"signer_public_key" text,
	"accepted_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'published' NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text
);
--> statement-breakpoint
CREATE TABLE "publication_file" (
	"publication_id" uuid NOT NULL,
	"format" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "publication_file_publication_id_format_pk" PRIMARY KEY("publication_id","format")
);
--> statement-breakpoint
CREATE TABLE "report_approval" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"region_code" char(6) NOT NULL,
	"approved_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "code_range" (
	"region_code" char(6) NOT NULL,
	"prefix" char(2) NOT NULL,
	"first" char(8) NOT NULL,
	"last" char(8) NOT NULL,
	"issued" char(8),
	"issued_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"legal_representative" text,
	"address" text,
	"startup_capital" bigint,
	"purpose_and_scope" text,
	"sponsor_unit_id" uuid,
	"funding_source" text,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_on" date NOT NULL,
	"deregistered_on" date,
	"certificate_no" text,
	"certificate_valid_from" date,
	"certificate_valid_to" date,
	"certificate_edition" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_act" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"legal_person_id" uuid,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"particulars" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"change_date" date,
	"submitted_on" date,
	"accepted_on" date,
	"decision_due_on" date,
	"decided_on" date,
	"refusal_reason" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"before" jsonb,
	"late_working_days" integer,
	"decided_by" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_announcement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"act_id" uuid NOT NULL,
	"legal_person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"act_id" uuid,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publication" ADD CONSTRAINT "publication_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication" ADD CONSTRAINT "publication_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication" ADD CONSTRAINT "publication_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication" ADD CONSTRAINT "publication_withdrawn_by_app_user_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_file" ADD CONSTRAINT "publication_file_publication_id_publication_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publication"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_approval" ADD CONSTRAINT "report_approval_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_approval" ADD CONSTRAINT "report_approval_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_person" ADD CONSTRAINT "legal_person_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_person" ADD CONSTRAINT "legal_person_sponsor_unit_id_unit_id_fk" FOREIGN KEY ("sponsor_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_act" ADD CONSTRAINT "registration_act_legal_person_id_legal_person_id_fk" FOREIGN KEY ("legal_person_id") REFERENCES "public"."legal_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_act" ADD CONSTRAINT "registration_act_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_act" ADD CONSTRAINT "registration_act_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_act" ADD CONSTRAINT "registration_act_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_announcement" ADD CONSTRAINT "registration_announcement_act_id_registration_act_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."registration_act"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_announcement" ADD CONSTRAINT "registration_announcement_legal_person_id_legal_person_id_fk" FOREIGN KEY ("legal_person_id") REFERENCES "public"."legal_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_document" ADD CONSTRAINT "registration_document_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_document" ADD CONSTRAINT "registration_document_act_id_registration_act_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."registration_act"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_document" ADD CONSTRAINT "registration_document_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_document" ADD CONSTRAINT "registration_document_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publication_report_current_uq" ON "publication" USING btree ("report_id") WHERE state = 'published';--> statement-breakpoint
CREATE INDEX "publication_region_idx" ON "publication" USING btree ("region_code","state","published_at");--> statement-breakpoint
CREATE INDEX "publication_pdf_sm3_idx" ON "publication" USING btree ("pdf_sm3");--> statement-breakpoint
CREATE INDEX "publication_file_sm3_idx" ON "publication_file" USING btree ("sm3");--> statement-breakpoint
CREATE UNIQUE INDEX "code_range_uq" ON "code_range" USING btree ("region_code","prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_person_uscc_uq" ON "legal_person" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_person_unit_uq" ON "legal_person" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "legal_person_region_idx" ON "legal_person" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "registration_act_region_idx" ON "registration_act" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "registration_act_lp_idx" ON "registration_act" USING btree ("legal_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registration_announcement_act_uq" ON "registration_announcement" USING btree ("act_id");--> statement-breakpoint
CREATE INDEX "registration_announcement_region_idx" ON "registration_announcement" USING btree ("region_code","published_on");--> statement-breakpoint
CREATE INDEX "registration_document_unit_idx" ON "registration_document" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "registration_document_act_idx" ON "registration_document" USING btree ("act_id");