-- A sequence that belongs to no table and that the migrating user may not read or set: on an existing server (the
-- external provider), where that user is no superuser, the reset must leave it alone instead of failing on it.
CREATE SEQUENCE out_of_reach_numbers;
REVOKE ALL ON SEQUENCE out_of_reach_numbers FROM CURRENT_USER;
