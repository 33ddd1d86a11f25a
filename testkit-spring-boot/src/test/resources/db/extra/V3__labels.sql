-- Only a context that points Spring Boot's Flyway here as well asks for it; the testkit never applies it.
CREATE TABLE labels (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);
