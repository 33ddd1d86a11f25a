-- Flyway runs this callback after every migrate call.
INSERT INTO migration_runs DEFAULT VALUES;
