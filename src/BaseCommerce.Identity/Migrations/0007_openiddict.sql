-- OpenIddict's applications (clients), authorizations (consents and grants) and tokens, each owned by a store, with the
-- column set EF Core generates for OpenIddict 7.8's entities (snake_case). JSON-valued properties stay text: that is how
-- OpenIddict's stores map them. No ON DELETE CASCADE: OpenIddict deletes dependents itself.

CREATE TABLE identity.oidc_applications (
    id                        uuid PRIMARY KEY,
    tenant_id                 uuid NOT NULL REFERENCES identity.tenants (id),
    application_type          varchar(50),
    client_id                 varchar(100) CHECK (client_id ~ '^[A-Za-z0-9._-]{3,100}$'),
    client_secret             text,
    client_type               varchar(50),
    concurrency_token         varchar(50),
    consent_type              varchar(50),
    display_name              text,
    display_names             text,
    json_web_key_set          text,
    permissions               text,
    post_logout_redirect_uris text,
    properties                text,
    redirect_uris             text,
    requirements              text,
    settings                  text
);
CREATE UNIQUE INDEX oidc_applications_tenant_client ON identity.oidc_applications (tenant_id, client_id);
SELECT platform.enable_tenant_isolation('identity.oidc_applications');

-- Platform data: descriptions of scopes (the server validates scopes against its own registered list).
CREATE TABLE identity.oidc_scopes (
    id                uuid PRIMARY KEY,
    concurrency_token varchar(50),
    description       text,
    descriptions      text,
    display_name      text,
    display_names     text,
    name              varchar(200) UNIQUE,
    properties        text,
    resources         text
);

CREATE TABLE identity.oidc_authorizations (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES identity.tenants (id),
    -- Ours: the staff session an ad-hoc authorization came from; signing out revokes it.
    session_id        uuid REFERENCES identity.sessions (id),
    application_id    uuid REFERENCES identity.oidc_applications (id),
    concurrency_token varchar(50),
    creation_date     timestamptz,
    properties        text,
    scopes            text,
    status            varchar(50),
    subject           varchar(400),
    type              varchar(50)
);
CREATE INDEX oidc_authorizations_application_status_subject_type ON identity.oidc_authorizations (application_id, status, subject, type);
CREATE INDEX oidc_authorizations_session ON identity.oidc_authorizations (session_id) WHERE session_id IS NOT NULL;
SELECT platform.enable_tenant_isolation('identity.oidc_authorizations');

CREATE TABLE identity.oidc_tokens (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES identity.tenants (id),
    application_id    uuid REFERENCES identity.oidc_applications (id),
    authorization_id  uuid REFERENCES identity.oidc_authorizations (id),
    concurrency_token varchar(50),
    creation_date     timestamptz,
    expiration_date   timestamptz,
    payload           text,
    properties        text,
    redemption_date   timestamptz,
    reference_id      varchar(100) UNIQUE,
    status            varchar(50),
    subject           varchar(400),
    type              varchar(150)
);
CREATE INDEX oidc_tokens_application_status_subject_type ON identity.oidc_tokens (application_id, status, subject, type);
CREATE INDEX oidc_tokens_authorization ON identity.oidc_tokens (authorization_id);
SELECT platform.enable_tenant_isolation('identity.oidc_tokens');

-- Existing clients and consents move over, store by store (FORCE row-level security binds this owner role too, so each
-- store's rows are read and written with that store set). Revoked clients are not copied. A secret is kept as its
-- SHA-256 with a prefix; StoreApplicationManager accepts that form and replaces it with OpenIddict's own hash on the
-- client's next successful authentication. Refresh tokens and codes cannot move (only their hashes are kept, and
-- OpenIddict needs their payloads): third-party apps sign in once more; the web UI (session cookie) and
-- client_credentials clients are not affected.
DO $$
DECLARE
    store record;
BEGIN
    FOR store IN SELECT id FROM identity.tenants LOOP
        PERFORM set_config('app.tenant_id', store.id::text, true);

        INSERT INTO identity.oidc_applications (id, tenant_id, client_id, client_secret, client_type, concurrency_token, consent_type,
            display_name, permissions, post_logout_redirect_uris, properties, redirect_uris, requirements, settings)
        SELECT c.id, c.tenant_id, c.client_id,
               CASE WHEN c.secret_hash IS NULL THEN NULL ELSE 'sha256:' || encode(c.secret_hash, 'hex') END,
               c.client_type, gen_random_uuid()::text,
               CASE WHEN c.first_party THEN 'implicit' ELSE 'explicit' END,
               c.name,
               (SELECT jsonb_agg(p ORDER BY p)::text FROM (
                    SELECT 'ept:token' AS p
                    UNION SELECT 'ept:revocation'
                    UNION SELECT 'ept:introspection' WHERE c.client_type = 'confidential'
                    UNION SELECT 'ept:authorization' WHERE 'authorization_code' = ANY (c.grant_types)
                    UNION SELECT 'ept:end_session' WHERE 'authorization_code' = ANY (c.grant_types)
                    UNION SELECT 'rst:code' WHERE 'authorization_code' = ANY (c.grant_types)
                    UNION SELECT 'gt:' || g FROM unnest(c.grant_types) AS g
                    UNION SELECT 'scp:' || s FROM unnest(c.scopes) AS s WHERE s NOT IN ('openid', 'offline_access')) AS permissions),
               to_jsonb(c.post_logout_redirect_uris)::text,
               jsonb_build_object('refresh_absolute_seconds', c.refresh_token_absolute_seconds)::text,
               to_jsonb(c.redirect_uris)::text,
               CASE WHEN 'authorization_code' = ANY (c.grant_types) THEN '["ft:pkce"]' END,
               jsonb_build_object(
                   'tkn_lft:act', to_char(make_interval(secs => c.access_token_lifetime_seconds), 'HH24:MI:SS'),
                   'tkn_lft:reft', c.refresh_token_sliding_seconds / 86400 || '.' || to_char(make_interval(secs => c.refresh_token_sliding_seconds % 86400), 'HH24:MI:SS'))::text
        FROM identity.oauth_clients c
        WHERE c.tenant_id = store.id AND c.revoked_at IS NULL;

        INSERT INTO identity.oidc_authorizations (id, tenant_id, application_id, concurrency_token, creation_date, scopes, status, subject, type)
        SELECT gen_random_uuid(), k.tenant_id, a.id, gen_random_uuid()::text, k.granted_at, to_jsonb(k.scopes)::text, 'valid',
               k.user_id::text, 'permanent'
        FROM identity.consents k
        JOIN identity.oidc_applications a ON a.tenant_id = k.tenant_id AND a.client_id = k.client_id
        WHERE k.tenant_id = store.id;
    END LOOP;
END
$$;

-- The key ring also holds one encryption key (OpenIddict encrypts the payloads of the codes and refresh tokens it keeps).
ALTER TABLE identity.signing_keys DROP CONSTRAINT signing_keys_algorithm_check;
ALTER TABLE identity.signing_keys ADD CONSTRAINT signing_keys_algorithm_check CHECK (algorithm IN ('RS256', 'RSA-OAEP'));
