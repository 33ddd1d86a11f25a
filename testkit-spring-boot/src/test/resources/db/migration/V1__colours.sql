-- Reference data every test relies on: kept by every reset (testkit.reference-tables).
CREATE TABLE colours (
    name TEXT PRIMARY KEY
);
INSERT INTO colours (name) VALUES ('red'), ('green'), ('blue');
