CREATE INDEX "leadership_post_quota_unit_idx" ON "leadership_post_quota" USING btree ("unit_id","level","valid_from");--> statement-breakpoint
CREATE INDEX "off_establishment_cap_unit_idx" ON "off_establishment_cap" USING btree ("unit_id","valid_from");--> statement-breakpoint
CREATE INDEX "unit_version_parent_idx" ON "unit_version" USING btree ("parent_id","valid_from");