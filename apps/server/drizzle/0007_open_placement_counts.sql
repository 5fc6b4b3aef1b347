-- Open placements counted per unit, establishment type and leadership level, kept current by the
-- database itself (statement-level triggers with transition tables, so a bulk import or a 划转 of a
-- whole unit costs one aggregate, not one update per row). Figures as of a date D read these
-- counts and correct them with the placements that changed after D (see figures.service.ts):
--   in force on D = open now − open but starting after D + closed but ending after D (and started by D).
-- The table lives in schema `derived`, outside `public`: a backup does not carry it, and a restore
-- rebuilds it through the same triggers as it inserts the placements.
CREATE SCHEMA IF NOT EXISTS derived;
--> statement-breakpoint
CREATE TABLE derived.open_placement_count (
  unit_id uuid NOT NULL,
  type text NOT NULL,
  -- '' = no leadership post.
  leadership_level text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (unit_id, type, leadership_level)
);
--> statement-breakpoint
CREATE FUNCTION derived.open_placement_count_apply() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO derived.open_placement_count AS c (unit_id, type, leadership_level, n)
      SELECT unit_id, type, coalesce(leadership_level, ''), count(*)::int FROM new_rows
        WHERE valid_to IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (unit_id, type, leadership_level) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO derived.open_placement_count AS c (unit_id, type, leadership_level, n)
      SELECT unit_id, type, coalesce(leadership_level, ''), -count(*)::int FROM old_rows
        WHERE valid_to IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (unit_id, type, leadership_level) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO derived.open_placement_count AS c (unit_id, type, leadership_level, n)
      SELECT unit_id, type, lvl, sum(d)::int FROM (
        SELECT unit_id, type, coalesce(leadership_level, '') AS lvl, -1 AS d FROM old_rows WHERE valid_to IS NULL
        UNION ALL
        SELECT unit_id, type, coalesce(leadership_level, ''), 1 FROM new_rows WHERE valid_to IS NULL
      ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (unit_id, type, leadership_level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION derived.open_placement_count_truncate() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog AS $$
BEGIN
  DELETE FROM derived.open_placement_count;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER placement_count_insert AFTER INSERT ON placement
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION derived.open_placement_count_apply();
--> statement-breakpoint
CREATE TRIGGER placement_count_update AFTER UPDATE ON placement
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION derived.open_placement_count_apply();
--> statement-breakpoint
CREATE TRIGGER placement_count_delete AFTER DELETE ON placement
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION derived.open_placement_count_apply();
--> statement-breakpoint
CREATE TRIGGER placement_count_truncate AFTER TRUNCATE ON placement
  FOR EACH STATEMENT EXECUTE FUNCTION derived.open_placement_count_truncate();
--> statement-breakpoint
-- The placements that changed after a date: open ones starting after it, closed ones ending after it.
CREATE INDEX placement_open_from_idx ON placement (valid_from) WHERE valid_to IS NULL;
--> statement-breakpoint
CREATE INDEX placement_closed_to_idx ON placement (valid_to) WHERE valid_to IS NOT NULL;
--> statement-breakpoint
-- Placements written before this migration.
INSERT INTO derived.open_placement_count (unit_id, type, leadership_level, n)
  SELECT unit_id, type, coalesce(leadership_level, ''), count(*)::int FROM placement
    WHERE valid_to IS NULL GROUP BY 1, 2, 3;
