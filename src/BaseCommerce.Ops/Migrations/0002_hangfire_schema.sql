-- Hangfire's storage lives in its own schema of the same database. This script makes the schema and lets the service
-- role read and write what the owner creates there; the migrator then runs Hangfire.PostgreSql's installer as the owner
-- (BaseCommerce.Migrations.HangfireStorage). Hangfire's tables carry no tenant_id: job arguments name stores, so this is
-- cross-tenant data, for operators only.
CREATE SCHEMA IF NOT EXISTS hangfire;
SELECT platform.grant_service_access('hangfire');
