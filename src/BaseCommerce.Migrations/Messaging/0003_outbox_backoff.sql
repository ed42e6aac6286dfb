-- An outbox whose next message keeps failing (a bad address, a corrupt row) waits longer after each failed round instead
-- of being claimed first by every round, which starved the healthy outboxes behind it (review finding 12).
ALTER TABLE messaging.outbox_state
    ADD COLUMN attempts     integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt timestamptz;
