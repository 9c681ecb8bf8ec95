-- Every occurrence updates its schedule twice: opening it moves next_execution_at on, and finishing it
-- counts it (count_finished_execution). The second update touches no indexed column, so it can be a
-- heap-only tuple update (no new index entries) when the schedule's page has room for the new
-- version. Pages filled to 100 % never have that room; leave 30 % free on the pages written from now
-- on (existing pages keep their layout until they are rewritten).
ALTER TABLE scheduled_tasks SET (fillfactor = 70);
