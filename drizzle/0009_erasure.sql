-- Erasure is final: an erased subject keeps its row (the Subjects page lists it as erased) but
-- never a key again, and its erasure cannot be undone by an update.
ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_erased_without_key
  CHECK (erased_at IS NULL OR wrapped_key IS NULL);
--> statement-breakpoint
CREATE FUNCTION chronicle_keep_erasure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'subject % was erased; its key row can no longer change', OLD.subject_id
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER subject_keys_erased_final BEFORE UPDATE ON subject_keys
  FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL) EXECUTE FUNCTION chronicle_keep_erasure();
--> statement-breakpoint
-- The Subjects page lists newest first.
CREATE INDEX subject_keys_created_idx ON subject_keys (created_at, subject_id);
