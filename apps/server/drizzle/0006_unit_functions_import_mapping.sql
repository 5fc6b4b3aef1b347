CREATE TABLE "import_column_mapping" (
	"region_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_column_mapping_region_code_kind_pk" PRIMARY KEY("region_code","kind")
);
--> statement-breakpoint
ALTER TABLE "unit_version" ADD COLUMN "functions_text" text;--> statement-breakpoint
ALTER TABLE "import_column_mapping" ADD CONSTRAINT "import_column_mapping_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;