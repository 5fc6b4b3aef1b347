-- Published files are immutable: publication_file refuses UPDATE, DELETE and TRUNCATE. A
-- publication accepts one change only, its withdrawal (state published → withdrawn, with when,
-- who and why); what was published (report, title, date, digests, signature, accepted warnings)
-- can never be rewritten, and no publication is ever deleted.
CREATE FUNCTION publication_file_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'publication_file is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER publication_file_no_update_delete BEFORE UPDATE OR DELETE ON publication_file
  FOR EACH ROW EXECUTE FUNCTION publication_file_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_file_no_truncate BEFORE TRUNCATE ON publication_file
  FOR EACH STATEMENT EXECUTE FUNCTION publication_file_refuse_change();
--> statement-breakpoint
CREATE FUNCTION publication_only_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'publication rows are kept: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.state <> 'published' OR NEW.state <> 'withdrawn'
     OR (to_jsonb(NEW) - 'state' - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason')
        IS DISTINCT FROM (to_jsonb(OLD) - 'state' - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason')
     OR NEW.withdrawn_at IS NULL OR NEW.withdraw_reason IS NULL THEN
    RAISE EXCEPTION 'publication is immutable except for its withdrawal' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER publication_no_rewrite BEFORE UPDATE OR DELETE ON publication
  FOR EACH ROW EXECUTE FUNCTION publication_only_withdrawal();
--> statement-breakpoint
CREATE TRIGGER publication_no_truncate BEFORE TRUNCATE ON publication
  FOR EACH STATEMENT EXECUTE FUNCTION publication_file_refuse_change();
