-- The node that claimed an execution's current attempt: an execution running on a node that is
-- gone is interrupted (or re-queued when idempotent) by the orphan sweep.
ALTER TABLE executions ADD COLUMN node VARCHAR(64);
