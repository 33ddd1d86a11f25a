-- Run by Spring Boot's SQL initialisation when SqlInitIT's context starts: a table no migration made, and a trace
-- of the run in a schema the testkit does not reset, so that the test can tell the scripts ran.
CREATE TABLE made_at_context_start (id integer PRIMARY KEY);
CREATE SCHEMA sql_init_trace;
CREATE TABLE sql_init_trace.runs (id integer);
