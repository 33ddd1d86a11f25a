-- A migration with a mistake in it, for FailedStartIT: the first class fails on it, later ones with its cause.
CREATE TABLE fine (id integer PRIMARY KEY);
CREATE TABLE broken (id integer PRIMARY KEY, name txet NOT NULL);
