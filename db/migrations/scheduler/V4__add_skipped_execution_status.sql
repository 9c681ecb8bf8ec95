-- Occurrences skipped by the misfire policy (more than the misfire threshold late) are recorded in
-- the history as one 'skipped' execution per schedule and poll. The value is added in a migration of
-- its own: a new enum value cannot be used in the transaction that adds it.

ALTER TYPE execution_status ADD VALUE IF NOT EXISTS 'skipped';
