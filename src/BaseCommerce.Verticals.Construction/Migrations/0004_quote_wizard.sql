-- The new-quote wizard's work in progress, one row per person and wizard, so it survives restarts and works behind
-- several replicas (the original kept it in process memory). Rows older than a day are abandoned and deleted.
CREATE TABLE construction.assistentes_cotacao (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES identity.tenants (id),
    user_id    uuid        NOT NULL,
    state      jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistentes_cotacao_updated ON construction.assistentes_cotacao (tenant_id, updated_at);
SELECT platform.enable_tenant_isolation('construction.assistentes_cotacao');
