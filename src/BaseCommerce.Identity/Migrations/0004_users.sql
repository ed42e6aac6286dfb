-- Staff accounts, one set per store. ASP.NET Core Identity reads and writes them through our own store.
-- The e-mail is unique within a store, not across stores: the same person may work for two.
CREATE TABLE identity.users (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid        NOT NULL REFERENCES identity.tenants (id),
    email               text        NOT NULL CHECK (position('@' IN email) > 1),
    normalized_email    text        NOT NULL,
    name                text        NOT NULL CHECK (length(trim(name)) > 0),
    roles               text[]      NOT NULL CHECK (cardinality(roles) > 0 AND
                                        roles <@ ARRAY['admin', 'vendedor', 'financeiro', 'estoquista', 'motorista']),
    password_hash       text,
    security_stamp      text        NOT NULL,
    concurrency_stamp   text        NOT NULL,
    active              boolean     NOT NULL DEFAULT true,
    access_failed_count integer     NOT NULL DEFAULT 0,
    lockout_end         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, normalized_email)
);
SELECT platform.enable_tenant_isolation('identity.users');
