-- Reference data: the genres the shop sells. Only migrations write here; tests declare the table in
-- testkit.properties so that the testkit's resets keep these rows.
CREATE TABLE genres (
    code  text PRIMARY KEY,
    label text NOT NULL
);

INSERT INTO genres (code, label) VALUES
    ('fiction', 'Fiction'),
    ('history', 'History'),
    ('poetry', 'Poetry'),
    ('science', 'Science');
