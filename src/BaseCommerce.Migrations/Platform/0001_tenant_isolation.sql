-- Row-level security helpers shared by every service schema.
-- The tenant of the current transaction is set by the services with
--   SELECT set_config('app.tenant_id', '<uuid>', true)   -- true = transaction-local
-- so a pooled connection never carries one tenant's setting into another's work.

GRANT USAGE ON SCHEMA platform TO basecommerce_app;

-- NULL when no tenant is set: every policy comparison is then false, so no row is visible or writable.
CREATE FUNCTION platform.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

GRANT EXECUTE ON FUNCTION platform.current_tenant_id() TO basecommerce_app;

-- Turns on tenant isolation for a tenant-owned table: ENABLE and FORCE row-level security
-- (FORCE so that even the owner role obeys it) and one policy for reads and writes.
CREATE FUNCTION platform.enable_tenant_isolation(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = platform.current_tenant_id()) '
                   'WITH CHECK (tenant_id = platform.current_tenant_id())', target);
END
$$;

-- Lets the service role use a service schema: every table and sequence the owner creates there later
-- is readable and writable by the service role (row-level security still decides which rows).
CREATE FUNCTION platform.grant_service_access(target_schema name) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO basecommerce_app', target_schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO basecommerce_app', target_schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO basecommerce_app', target_schema);
END
$$;
