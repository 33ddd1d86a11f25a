-- Sequences that belong to no table: one that a column default draws from, one that an application calls by hand
-- (as JPA's sequence generators do, 50 ids at a time), and one that the migration moved on.
CREATE SEQUENCE invoice_numbers START 1000;
CREATE TABLE invoices (
    number bigint  PRIMARY KEY DEFAULT nextval('invoice_numbers'),
    total  numeric NOT NULL
);
CREATE SEQUENCE audit.order_ids INCREMENT 50;
CREATE SEQUENCE ticket_numbers;
SELECT setval('ticket_numbers', 41);
