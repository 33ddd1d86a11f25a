-- Run by Spring Boot's SQL initialisation when SqlInitIT's context starts: rows in a migrated table.
INSERT INTO made_at_context_start VALUES (1);
INSERT INTO notes (text, colour) VALUES ('written at context start', 'red');
INSERT INTO sql_init_trace.runs VALUES (1);
