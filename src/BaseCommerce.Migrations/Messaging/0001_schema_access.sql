-- The messaging schema holds the transactional outbox and inbox tables that every service writes
-- in the same transaction as its business rows (MassTransit's OutboxMessage, OutboxState, InboxState).
SELECT platform.grant_service_access('messaging');
