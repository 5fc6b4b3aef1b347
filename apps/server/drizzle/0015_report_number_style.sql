CREATE TABLE "report_number_style" (
	"region_code" char(6) PRIMARY KEY NOT NULL,
	"amount_style" text NOT NULL,
	"rate_style" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_number_style_amount_check" CHECK ("report_number_style"."amount_style" in ('twoDecimals', 'trimZeros')),
	CONSTRAINT "report_number_style_rate_check" CHECK ("report_number_style"."rate_style" in ('twoDecimals', 'trimZeros'))
);
--> statement-breakpoint
ALTER TABLE "report" ADD COLUMN "amount_style" text DEFAULT 'trimZeros' NOT NULL;--> statement-breakpoint
ALTER TABLE "report" ADD COLUMN "rate_style" text DEFAULT 'trimZeros' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_number_style" ADD CONSTRAINT "report_number_style_region_code_region_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("region_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_number_style" ADD CONSTRAINT "report_number_style_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_amount_style_check" CHECK ("report"."amount_style" in ('twoDecimals', 'trimZeros'));--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_rate_style_check" CHECK ("report"."rate_style" in ('twoDecimals', 'trimZeros'));