-- Custom SQL migration file, put your code below! --
-- The events of one legacy import, for its rollback: only imported events carry an importId.
CREATE INDEX events_import_id_idx ON events ((metadata ->> 'importId'))
  WHERE metadata ? 'importId';
