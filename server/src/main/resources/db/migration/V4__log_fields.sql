-- Structured fields of a log line, as a JSON object; null when the line has none.
ALTER TABLE execution_logs ADD COLUMN fields VARCHAR(8192);
