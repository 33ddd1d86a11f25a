-- Reference data: hosts no link may point to. Every test relies on these rows (testkit.reference-tables).
CREATE TABLE blocked_hosts (
    host TEXT PRIMARY KEY
);
INSERT INTO blocked_hosts (host) VALUES ('evil.example'), ('phish.example');
