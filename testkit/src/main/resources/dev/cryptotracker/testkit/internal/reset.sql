-- Installed by the testkit after the migrations, in its own schema. It never changes the user's tables, only adds a
-- statement-level AFTER INSERT trigger to each, which bumps a per-table marker sequence. Sequences are
-- non-transactional, so marking takes no lock and cannot block or deadlock concurrent writers; a rolled-back
-- insert leaves its table marked, which costs an empty delete at the next reset.
CREATE SCHEMA IF NOT EXISTS testkit;

CREATE TABLE IF NOT EXISTS testkit.tracked_tables (
    table_oid regclass PRIMARY KEY,
    marker    regclass NOT NULL
);

-- Sequences that a reset restarts once they have moved: those of the tracked tables and the markers.
CREATE TABLE IF NOT EXISTS testkit.restartable_sequences (
    sequence_oid regclass PRIMARY KEY
);

CREATE OR REPLACE FUNCTION testkit.mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM nextval(TG_ARGV[0]::regclass);
    RETURN NULL;
END
$fn$;

-- Tracks every table of the given schemas but the excluded ones (names as 'table' or 'schema.table').
-- Tables that already hold rows (written by migrations) are marked so that the first reset empties them.
CREATE OR REPLACE FUNCTION testkit.track(schemas text[], excluded text[]) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
    t         record;
    marker    text;
    has_rows  boolean;
    installed integer := 0;
BEGIN
    FOR t IN
        SELECT c.oid, quote_ident(ns.nspname) || '.' || quote_ident(c.relname) AS name
          FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND ns.nspname = ANY (schemas)
           AND NOT (c.relname = ANY (excluded) OR ns.nspname || '.' || c.relname = ANY (excluded))
           AND NOT EXISTS (SELECT 1 FROM testkit.tracked_tables tt WHERE tt.table_oid = c.oid)
    LOOP
        marker := 'testkit.dirty_' || t.oid::bigint;
        EXECUTE format('CREATE SEQUENCE %s', marker);
        EXECUTE format('CREATE TRIGGER testkit_mark_dirty AFTER INSERT ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION testkit.mark_dirty(%L)', t.name, marker);
        INSERT INTO testkit.tracked_tables VALUES (t.oid, marker::regclass);
        INSERT INTO testkit.restartable_sequences VALUES (marker::regclass);
        INSERT INTO testkit.restartable_sequences
            SELECT d.objid::regclass FROM pg_depend d
             WHERE d.refobjid = t.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
               AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'
            ON CONFLICT DO NOTHING;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', t.name) INTO has_rows;
        IF has_rows THEN
            PERFORM nextval(marker);
        END IF;
        installed := installed + 1;
    END LOOP;
    RETURN installed;
END
$fn$;

-- Empties every table written since the last reset and restarts every sequence that moved, in one call.
-- As a superuser it deletes with triggers and foreign keys switched off for the transaction (cheapest for the
-- small tables of a test); otherwise it truncates them in one statement, with CASCADE.
CREATE OR REPLACE FUNCTION testkit.reset() RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
    dirty   regclass[];
    t       regclass;
BEGIN
    -- A transaction left open by an earlier test would block the delete forever; fail with a clear error instead.
    PERFORM set_config('lock_timeout', '10s', true);
    SELECT array_agg(table_oid) INTO dirty
      FROM testkit.tracked_tables WHERE pg_sequence_last_value(marker) IS NOT NULL;
    IF dirty IS NOT NULL THEN
        IF current_setting('is_superuser') = 'on' THEN
            PERFORM set_config('session_replication_role', 'replica', true);
            FOREACH t IN ARRAY dirty LOOP
                EXECUTE 'DELETE FROM ' || t;
            END LOOP;
            PERFORM set_config('session_replication_role', 'origin', true);
        ELSE
            EXECUTE 'TRUNCATE ' || array_to_string(dirty, ', ') || ' CASCADE';
        END IF;
    END IF;
    PERFORM setval(sequence_oid, s.seqstart, false)
       FROM testkit.restartable_sequences r JOIN pg_sequence s ON s.seqrelid = r.sequence_oid
      WHERE pg_sequence_last_value(sequence_oid) IS NOT NULL;
    RETURN coalesce(array_length(dirty, 1), 0);
END
$fn$;
