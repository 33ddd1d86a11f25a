CREATE TABLE authors (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE books (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    isbn      text   NOT NULL UNIQUE,
    title     text   NOT NULL,
    author_id bigint NOT NULL REFERENCES authors (id),
    genre     text   NOT NULL REFERENCES genres (code)
);
