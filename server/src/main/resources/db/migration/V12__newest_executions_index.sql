-- Listing an environment's executions, newest first (ids are time-ordered), sorted every row of the
-- environment before it could return the first page: seconds per page past a million records.
-- This index holds the environment's executions in the order of the page.
CREATE INDEX executions_newest ON executions (environment, id DESC);
