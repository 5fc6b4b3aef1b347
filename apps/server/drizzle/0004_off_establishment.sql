CREATE TABLE "off_establishment_cap" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "off_establishment_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" char(6) NOT NULL,
	"unit_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"count" integer NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "off_establishment_cap" ADD CONSTRAINT "off_establishment_cap_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "off_establishment_cap" ADD CONSTRAINT "off_establishment_cap_decision_id_establishment_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."establishment_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "off_establishment_report" ADD CONSTRAINT "off_establishment_report_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "off_establishment_report" ADD CONSTRAINT "off_establishment_report_reported_by_app_user_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "off_establishment_cap_open_uq" ON "off_establishment_cap" USING btree ("unit_id") WHERE valid_to is null;--> statement-breakpoint
CREATE UNIQUE INDEX "off_establishment_report_uq" ON "off_establishment_report" USING btree ("unit_id","as_of");