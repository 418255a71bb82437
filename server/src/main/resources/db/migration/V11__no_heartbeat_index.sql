-- Every execution writes its queue task's last_heartbeat (when held where it was accepted) and
-- removes the task when it ends; an index on last_heartbeat made each of those writes update one
-- more B-tree. Its only reader is the check for dead executions, every 10 s, over the tasks still
-- pending: a scan of a small table.
DROP INDEX scheduled_tasks_last_heartbeat;
