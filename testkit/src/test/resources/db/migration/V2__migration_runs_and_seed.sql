-- Reference table: afterMigrate.sql adds a row every time Flyway migrates, and resets keep it, so its row count
-- is the number of times the testkit migrated in this JVM.
CREATE TABLE migration_runs (
    id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at timestamptz NOT NULL DEFAULT now()
);

-- Not reference data: rows a migration writes here are emptied like any test data.
INSERT INTO notes (body) VALUES ('seeded by a migration');
