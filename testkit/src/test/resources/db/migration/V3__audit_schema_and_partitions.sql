-- A second schema, partitioned tables (one of them reference data), a schema-qualified reference table and a
-- foreign key from test data to reference data across schemas.
CREATE TABLE audit.event_kinds (
    code  text PRIMARY KEY,
    label text NOT NULL
);
INSERT INTO audit.event_kinds (code, label) VALUES ('created', 'Created'), ('deleted', 'Deleted');

CREATE TABLE audit.events (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    kind       text        NOT NULL REFERENCES audit.event_kinds (code),
    happened   date        NOT NULL,
    PRIMARY KEY (id, happened)
) PARTITION BY RANGE (happened);
CREATE TABLE audit.events_2025 PARTITION OF audit.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE audit.events_2026 PARTITION OF audit.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- Reference data in a partitioned table: its rows live in the partitions.
CREATE TABLE audit.price_tiers (
    region text    NOT NULL,
    tier   integer NOT NULL,
    price  numeric NOT NULL,
    PRIMARY KEY (region, tier)
) PARTITION BY LIST (region);
CREATE TABLE audit.price_tiers_eu PARTITION OF audit.price_tiers FOR VALUES IN ('eu');
CREATE TABLE audit.price_tiers_us PARTITION OF audit.price_tiers FOR VALUES IN ('us');
INSERT INTO audit.price_tiers VALUES ('eu', 1, 9.99), ('eu', 2, 19.99), ('us', 1, 10.99);
