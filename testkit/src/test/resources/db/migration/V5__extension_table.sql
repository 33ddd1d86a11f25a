-- A table that belongs to an extension and holds the rows the extension brought, as PostGIS's spatial_ref_sys does:
-- made here by adding a table to pg_trgm, which the PostgreSQL of every provider ships.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE extension_catalog (
    id   integer PRIMARY KEY,
    name text    NOT NULL
);
INSERT INTO extension_catalog VALUES (1, 'one'), (2, 'two');
ALTER EXTENSION pg_trgm ADD TABLE extension_catalog;
