-- Installed by the testkit into the migrated template database before the template is cloned for the tests. It
-- never changes the user's tables, only adds a statement-level trigger to each; everything else lives in the schema
-- "testkit_reset" (not "testkit": for a user of that name, "$user" in the search path would send every unqualified
-- CREATE TABLE of a test there). Run once per template; %RING_SIZE% is replaced before it runs.

CREATE SCHEMA testkit_reset;

-- Every table the reset looks after. A marker is a sequence: "called" means the table was written since the last
-- reset. Sequences are non-transactional, so marking takes no lock, cannot block or deadlock concurrent writers,
-- and survives a rollback (which matters: the rolled-back insert moved the table's identity sequence).
CREATE TABLE testkit_reset.tracked_tables (
    table_oid     regclass PRIMARY KEY,
    marker        regclass NOT NULL,
    -- Reference tables are restored to their migrated rows instead of emptied.
    reference     boolean  NOT NULL,
    snapshot      regclass,
    restore_sql   text,
    restore_order integer,
    -- Reference tables that a TRUNCATE ... CASCADE of this one empties too (through foreign keys).
    cascades_to   regclass[] NOT NULL DEFAULT '{}',
    -- The partitioned tables this one is a partition of (at any level): when one of them is restored, its copy
    -- holds this partition's rows too, so this one is not restored on its own.
    ancestors     regclass[] NOT NULL DEFAULT '{}',
    -- What puts back the table's marker and its own sequences: setval(...) calls by oid, separated by commas, for
    -- the reset to run in one statement with those of the other tables written. Written by track().
    rewind        text
);

-- What each table's own sequences (identity, serial) go back to: their start for emptied tables, their migrated
-- position for reference tables.
CREATE TABLE testkit_reset.sequence_states (
    table_oid    regclass NOT NULL,
    sequence_oid regclass NOT NULL,
    value        bigint   NOT NULL,
    is_called    boolean  NOT NULL,
    PRIMARY KEY (table_oid, sequence_oid)
);

-- Sequences of the tracked schemas that belong to no table (CREATE SEQUENCE, used by a column default or by hand, as
-- JPA's sequence generators do), with their migrated state. Nothing marks their use, so the reset compares each
-- with its migrated state and puts back those that moved: a cost per such sequence, none without them.
CREATE TABLE testkit_reset.free_sequences (
    sequence_oid regclass PRIMARY KEY,
    value        bigint   NOT NULL,
    is_called    boolean  NOT NULL
);

-- The ring: the first write to a table after a reset records the table's oid in the next ring sequence, so that
-- the reset reads what was written instead of looking at every table's marker. A reset therefore costs what the
-- last test wrote, not what the schema holds. More first writes than the ring holds fall back to reading every
-- marker (correct, just slower).
CREATE SEQUENCE testkit_reset.ring_position MINVALUE 0 START 0;
CREATE TABLE testkit_reset.ring (position integer PRIMARY KEY, slot regclass NOT NULL);

-- Facts of the installation: which schemas are tracked, the highest oid in use once the testkit was installed (a
-- table in a tracked schema with a higher oid was created by a test), and whether there are free sequences.
CREATE TABLE testkit_reset.installation (
    schemas        oid[]   NOT NULL,
    max_oid        oid     NOT NULL,
    free_sequences boolean NOT NULL
);

DO $ring$
BEGIN
    FOR i IN 0 .. %RING_SIZE% - 1 LOOP
        EXECUTE format('CREATE SEQUENCE testkit_reset.ring_%s MINVALUE 0 MAXVALUE 4294967295', i);
        INSERT INTO testkit_reset.ring VALUES (i, format('testkit_reset.ring_%s', i)::regclass);
    END LOOP;
END
$ring$;

-- The trigger function is written with the ring's sequences inlined, so that marking a table costs one look at
-- its marker and, the first time only, two sequence calls: no query, no catalog lookup.
DO $mark$
DECLARE
    slots text;
BEGIN
    SELECT string_agg(slot::oid::text, ',' ORDER BY position) INTO slots FROM testkit_reset.ring;
    EXECUTE format($fn$
        CREATE FUNCTION testkit_reset.mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            ring     CONSTANT oid[] := '{%s}';
            position bigint;
        BEGIN
            IF pg_sequence_last_value(TG_ARGV[0]::oid::regclass) IS NULL THEN
                PERFORM nextval(TG_ARGV[0]::oid::regclass);
                position := nextval('testkit_reset.ring_position'::regclass);
                IF position < %s THEN
                    PERFORM setval(ring[position + 1]::regclass, TG_RELID::bigint);
                END IF;
            END IF;
            RETURN NULL;
        END
        $body$
    $fn$, slots, %RING_SIZE%);
END
$mark$;

-- Tracks every table of the given schemas but Flyway's history (names as 'table' or 'schema.table'); reference
-- tables get a snapshot of their rows and sequences. The trigger fires BEFORE each statement, so a statement that
-- then fails (a constraint violation after its sequence moved) still marks its table. Emptied tables are marked by
-- INSERT alone: once empty, nothing else can change them. Reference tables are marked by every kind of write.
CREATE FUNCTION testkit_reset.track(schemas text[], reference_tables regclass[], history text) RETURNS integer
    LANGUAGE plpgsql AS $fn$
DECLARE
    t          record;
    marker     text;
    is_ref     boolean;
    has_rows   boolean;
    seeded     boolean := false;
    snapshot   text;
    columns    text;
    installed  integer := 0;
BEGIN
    FOR t IN
        SELECT c.oid, c.oid::regclass AS name, c.relkind
          FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND ns.nspname = ANY (schemas) AND c.relname <> history
    LOOP
        -- The partitions of a reference table are reference tables too: a test may write to them directly. So is a
        -- table that belongs to an extension (PostGIS's spatial_ref_sys): its rows came with the extension.
        is_ref := t.oid = ANY (reference_tables)
               OR EXISTS (SELECT 1 FROM pg_partition_ancestors(t.oid) a WHERE a.relid = ANY (reference_tables))
               OR EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e');
        marker := 'testkit_reset.marker_' || t.oid::bigint;
        EXECUTE format('CREATE SEQUENCE %s', marker);
        EXECUTE format('CREATE TRIGGER testkit_mark_dirty BEFORE %s ON %s FOR EACH STATEMENT '
                       'EXECUTE FUNCTION testkit_reset.mark_dirty(%L)',
                       CASE WHEN is_ref THEN 'INSERT OR UPDATE OR DELETE OR TRUNCATE' ELSE 'INSERT' END,
                       t.name, marker::regclass::oid);
        -- Fires in every session_replication_role: a test that seeds with triggers and foreign keys off
        -- (SET session_replication_role = replica) is seen too. The reset's own writes in that role find the
        -- table marked already and change nothing.
        EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER testkit_mark_dirty', t.name);
        IF is_ref THEN
            snapshot := 'testkit_reset.snapshot_' || t.oid::bigint;
            -- A partitioned table holds no rows of its own: its snapshot is its partitions' rows.
            EXECUTE format('CREATE TABLE %s AS SELECT * FROM %s %s', snapshot,
                           CASE WHEN t.relkind = 'p' THEN '' ELSE 'ONLY' END, t.name);
            -- Generated columns are computed again; identity columns keep their migrated values.
            SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
              FROM pg_attribute a
             WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
            INSERT INTO testkit_reset.tracked_tables (table_oid, marker, reference, snapshot, restore_sql, ancestors)
                 VALUES (t.oid, marker::regclass, true, snapshot::regclass,
                         format('INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s',
                                t.name, columns, columns, snapshot),
                         ARRAY(SELECT a.relid FROM pg_partition_ancestors(t.oid) a WHERE a.relid <> t.oid));
        ELSE
            INSERT INTO testkit_reset.tracked_tables (table_oid, marker, reference) VALUES (t.oid, marker::regclass, false);
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM ONLY %s)', t.name) INTO has_rows;
            IF has_rows THEN
                PERFORM nextval(marker);
                seeded := true;
            END IF;
        END IF;
        INSERT INTO testkit_reset.sequence_states
            SELECT t.oid, s.seqrelid,
                   CASE WHEN is_ref THEN coalesce(pg_sequence_last_value(s.seqrelid), s.seqstart) ELSE s.seqstart END,
                   is_ref AND pg_sequence_last_value(s.seqrelid) IS NOT NULL
              FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
             WHERE d.refobjid = t.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i');
        installed := installed + 1;
    END LOOP;

    -- Reference tables in an order that satisfies their foreign keys among themselves, parents first.
    WITH RECURSIVE depth (table_oid, level) AS (
        SELECT table_oid, 0 FROM testkit_reset.tracked_tables WHERE reference
        UNION ALL
        SELECT con.conrelid::regclass, d.level + 1
          FROM depth d JOIN pg_constraint con ON con.confrelid = d.table_oid AND con.contype = 'f'
         WHERE con.conrelid = ANY (reference_tables) AND con.conrelid <> con.confrelid AND d.level < 100)
    UPDATE testkit_reset.tracked_tables tt SET restore_order = m.level
      FROM (SELECT table_oid, max(level) AS level FROM depth GROUP BY table_oid) m
     WHERE tt.table_oid = m.table_oid;

    -- Which reference tables a TRUNCATE ... CASCADE of each table reaches.
    WITH RECURSIVE reach (origin, table_oid) AS (
        SELECT table_oid, table_oid FROM testkit_reset.tracked_tables
        UNION
        SELECT r.origin, con.conrelid::regclass
          FROM reach r JOIN pg_constraint con ON con.confrelid = r.table_oid AND con.contype = 'f')
    UPDATE testkit_reset.tracked_tables tt SET cascades_to = m.refs
      FROM (SELECT r.origin, array_agg(r.table_oid) AS refs
              FROM reach r JOIN testkit_reset.tracked_tables ref ON ref.table_oid = r.table_oid AND ref.reference
             WHERE r.table_oid <> r.origin GROUP BY r.origin) m
     WHERE tt.table_oid = m.origin;

    UPDATE testkit_reset.tracked_tables tt
       SET rewind = format('setval(%L::regclass, 1, false)', tt.marker::oid)
                 || coalesce((SELECT string_agg(format(', setval(%L::regclass, %s, %s)', s.sequence_oid::oid, s.value,
                                                       s.is_called::text), '' ORDER BY s.sequence_oid)
                                FROM testkit_reset.sequence_states s WHERE s.table_oid = tt.table_oid), '');

    -- What the reset runs for a written table, as a function of its own, so that PostgreSQL plans its statements
    -- once per connection instead of on every reset: the DELETE (and, for a reference table, the INSERT that
    -- restores it), then the setvals that put back its marker and sequences. Names are qualified: the reset's
    -- session may have another search_path than this one.
    FOR t IN
        SELECT tt.table_oid::oid AS oid, format('%I.%I', ns.nspname, c.relname) AS name, tt.restore_sql, tt.rewind
          FROM testkit_reset.tracked_tables tt JOIN pg_class c ON c.oid = tt.table_oid
               JOIN pg_namespace ns ON ns.oid = c.relnamespace
    LOOP
        EXECUTE format('CREATE FUNCTION testkit_reset.reset_%s() RETURNS void LANGUAGE plpgsql AS %L', t.oid,
                       format('BEGIN DELETE FROM %s; %s PERFORM %s; END', t.name,
                              coalesce(t.restore_sql || ';', ''), t.rewind));
    END LOOP;

    -- Sequences that no table owns (owned ones, identity and serial, come back with their table), but for an
    -- extension's and those the reset's user may not read and set (another owner's, on an existing server).
    FOR t IN
        SELECT c.oid::regclass AS name
          FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE c.relkind = 'S' AND ns.nspname = ANY (schemas)
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND ((d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
                                   OR d.deptype = 'e'))
           -- In a CASE, so that it is never asked of a relation that is no sequence, whatever the plan's order.
           AND CASE WHEN c.relkind = 'S'
                    THEN has_sequence_privilege(c.oid, 'SELECT') AND has_sequence_privilege(c.oid, 'UPDATE') END
    LOOP
        EXECUTE format('INSERT INTO testkit_reset.free_sequences SELECT %L::regclass, last_value, is_called FROM %s',
                       t.name::oid, t.name);
    END LOOP;

    INSERT INTO testkit_reset.installation
        SELECT array_agg(ns.oid), (SELECT max(oid) FROM pg_class),
               EXISTS (SELECT 1 FROM testkit_reset.free_sequences)
          FROM pg_namespace ns WHERE ns.nspname = ANY (schemas);
    -- Rows that migrations wrote into tables that are not reference tables are test data like any other:
    -- the template itself starts clean, and so does every clone of it.
    IF seeded THEN
        -- More first writes than the ring holds: the reset reads every marker, once.
        PERFORM setval('testkit_reset.ring_position', %RING_SIZE%, true);
        PERFORM testkit_reset.reset();
    END IF;
    RETURN installed;
END
$fn$;

-- Drops the tables that tests created in the tracked schemas since the testkit was installed: every test starts
-- with the migrated tables and no others. The bounds are scalar subqueries, so that PostgreSQL reads pg_class
-- through its index on oid, from the installation's highest oid on: it costs what was created, not the catalog.
CREATE FUNCTION testkit_reset.drop_created_tables() RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
    t       record;
    dropped integer := 0;
BEGIN
    FOR t IN
        SELECT format('%I.%I', ns.nspname, c.relname) AS name
          FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE c.oid > (SELECT max_oid FROM testkit_reset.installation) AND c.relkind IN ('r', 'p')
           AND c.relnamespace = ANY ((SELECT schemas FROM testkit_reset.installation)::oid[])
         ORDER BY c.oid
    LOOP
        EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', t.name);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$fn$;

-- Makes the database what the migrations left: tables written since the last reset emptied, reference tables
-- written since then restored, their sequences put back, tables created by tests dropped. One call, one round trip.
-- In a session whose session_replication_role is "replica" (the testkit's own reset connection, as a superuser)
-- it deletes with triggers and foreign keys off: cheapest for the small tables of a test. For the tables written it
-- runs one statement that calls each one's own function (a DELETE, the INSERT that restores a reference table, the
-- setvals), planned once per connection, so that its cost is what the test wrote and little more. A superuser's
-- session in "origin" switches to "replica" for the transaction, which works as well but costs more: each change of
-- that setting makes PostgreSQL plan every statement of the session again. Otherwise it truncates in one statement,
-- with CASCADE, and restores reference tables parents first so that foreign keys hold.
CREATE FUNCTION testkit_reset.reset() RETURNS integer LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
    -- The ring position the last first write took (0, 1, ...), or NULL when nothing was written.
    last_position bigint := pg_sequence_last_value('testkit_reset.ring_position'::regclass);
    replica      boolean := current_setting('session_replication_role') = 'replica';
    switched     boolean := false;
    installed_up_to oid;
    unowned      boolean;
    dirty        regclass[];
    emptied      regclass[];
    restored     regclass[];
    touched      regclass[];
    rewind       text;
    work         text;
    written      integer;
    r            record;
BEGIN
    -- A transaction left open would block the reset; the testkit ends such transactions before it resets, and
    -- this bounds the wait for anything it could not end.
    PERFORM set_config('lock_timeout', '2s', true);
    -- A test seldom creates a table: the highest oid in pg_class (one step through its index) says whether anything
    -- was created since the installation, which costs less than a call of the function that looks for tables.
    SELECT i.max_oid, i.free_sequences INTO installed_up_to, unowned FROM testkit_reset.installation i;
    IF (SELECT max(oid) FROM pg_class) > installed_up_to THEN
        PERFORM testkit_reset.drop_created_tables();
    END IF;
    -- Sequences that belong to no table: nothing marks their use, so each is compared with its migrated state
    -- (pg_sequence_last_value is NULL until a sequence is first called).
    IF unowned THEN
        PERFORM setval(f.sequence_oid, f.value, f.is_called) FROM testkit_reset.free_sequences f
          WHERE pg_sequence_last_value(f.sequence_oid) IS DISTINCT FROM CASE WHEN f.is_called THEN f.value END;
    END IF;
    IF last_position IS NULL THEN
        RETURN 0;
    END IF;
    IF last_position < %RING_SIZE% THEN
        -- A table written by two sessions at once can be in the ring twice. The function's plans are generic
        -- (force_generic_plan), so that this one is not made again on every call for the new last_position.
        SELECT array_agg(DISTINCT pg_sequence_last_value(slot)::oid::regclass) INTO dirty
          FROM testkit_reset.ring WHERE position <= last_position;
    ELSE
        SELECT array_agg(table_oid) INTO dirty
          FROM testkit_reset.tracked_tables WHERE pg_sequence_last_value(marker) IS NOT NULL;
    END IF;
    IF NOT replica AND current_setting('is_superuser') = 'on' THEN
        PERFORM set_config('session_replication_role', 'replica', true);
        replica := true;
        switched := true;
    END IF;
    IF replica THEN
        -- Each written table's own function (see track()), in one statement with the ring's rewind. With foreign
        -- keys and triggers off the order does not matter, and a partition of a reference table restored along with
        -- it ends as it should either way (its DELETE and INSERT, before or after its parent's, leave its rows).
        SELECT coalesce(string_agg('testkit_reset.reset_' || d::oid || '(), ', ''), ''), count(*) INTO work, written
          FROM unnest(dirty) d;
        EXECUTE 'SELECT ' || work || 'setval(''testkit_reset.ring_position''::regclass, 0, false)';
        IF switched THEN
            PERFORM set_config('session_replication_role', 'origin', true);
        END IF;
        RETURN written;
    END IF;
    SELECT array_agg(table_oid) FILTER (WHERE NOT reference),
           array_agg(table_oid) FILTER (WHERE reference)
      INTO emptied, restored
      FROM testkit_reset.tracked_tables WHERE table_oid = ANY (dirty);
    IF dirty IS NOT NULL THEN
        -- TRUNCATE ... CASCADE reaches the reference tables that reference these: they are restored as well.
        SELECT array_agg(DISTINCT x) INTO restored
          FROM (SELECT unnest(coalesce(restored, '{}'))
                UNION SELECT unnest(cascades_to) FROM testkit_reset.tracked_tables WHERE table_oid = ANY (dirty)) u(x);
        EXECUTE 'TRUNCATE ' || array_to_string(array_cat(coalesce(emptied, '{}'), coalesce(restored, '{}')), ', ')
                || ' CASCADE';
        FOR r IN SELECT restore_sql FROM testkit_reset.tracked_tables
                  WHERE table_oid = ANY (restored) AND NOT coalesce(ancestors && restored, false)
                  ORDER BY restore_order LOOP
            EXECUTE r.restore_sql;
        END LOOP;
    END IF;
    -- The TRUNCATE fired the triggers of the partitions of restored tables, and so marked them: their markers are
    -- put back too, or their next write would go unrecorded.
    touched := array_cat(array_cat(dirty, restored),
                         ARRAY(SELECT table_oid FROM testkit_reset.tracked_tables WHERE ancestors && restored));
    SELECT string_agg(tt.rewind, ', ') INTO rewind FROM testkit_reset.tracked_tables tt WHERE tt.table_oid = ANY (touched);
    EXECUTE 'SELECT ARRAY[' || coalesce(rewind || ', ', '')
            || 'setval(''testkit_reset.ring_position''::regclass, 0, false)]';
    RETURN coalesce(array_length(emptied, 1), 0) + coalesce(array_length(restored, 1), 0);
END
$fn$;

-- Ends the sessions on this database that a test left inside a transaction — idle in one, or still running a
-- statement that began more than a second ago — and says which they were. The database's owner may end its own
-- role's sessions without being a superuser. Waits (up to 5 s, PostgreSQL 14 and later) until each has ended, so
-- that its locks are gone before the reset.
CREATE VIEW testkit_reset.open_transactions AS
    SELECT a.pid, a.state, coalesce(a.state_change, a.xact_start) AS since, left(a.query, 300) AS query
      FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
       AND (a.state LIKE 'idle in transaction%'
            OR (a.state = 'active' AND a.xact_start < clock_timestamp() - interval '1 second'));

CREATE FUNCTION testkit_reset.end_open_transactions()
    RETURNS TABLE (pid integer, state text, since timestamptz, query text) LANGUAGE plpgsql AS $fn$
DECLARE
    waits boolean := current_setting('server_version_num')::integer >= 140000;
BEGIN
    FOR pid, state, since, query IN SELECT * FROM testkit_reset.open_transactions LOOP
        IF waits THEN
            EXECUTE 'SELECT pg_terminate_backend($1, 5000)' USING pid;
        ELSE
            PERFORM pg_terminate_backend(pid);
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- What runs when a test ends: end what it left open, then reset. One round trip. (Most tests leave nothing open:
-- a look at the sessions costs less than a call of the function that ends them.)
CREATE FUNCTION testkit_reset.after_test()
    RETURNS TABLE (pid integer, state text, since timestamptz, query text) LANGUAGE plpgsql AS $fn$
BEGIN
    IF EXISTS (SELECT FROM testkit_reset.open_transactions) THEN
        RETURN QUERY SELECT * FROM testkit_reset.end_open_transactions();
    END IF;
    PERFORM testkit_reset.reset();
END
$fn$;
