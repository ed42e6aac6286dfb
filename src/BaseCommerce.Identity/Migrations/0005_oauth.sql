-- OAuth 2.0 clients of a store, and what the authorization server keeps about the grants it made.

CREATE TABLE identity.oauth_clients (
    id                             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                      uuid        NOT NULL REFERENCES identity.tenants (id),
    client_id                      text        NOT NULL CHECK (client_id ~ '^[A-Za-z0-9._-]{3,100}$'),
    name                           text        NOT NULL CHECK (length(trim(name)) > 0),
    client_type                    text        NOT NULL CHECK (client_type IN ('confidential', 'public')),
    -- SHA-256 of a 256-bit random secret: the secret is shown once and never stored.
    secret_hash                    bytea,
    first_party                    boolean     NOT NULL DEFAULT false,
    grant_types                    text[]      NOT NULL CHECK (grant_types <@ ARRAY['authorization_code', 'refresh_token', 'client_credentials']),
    redirect_uris                  text[]      NOT NULL DEFAULT '{}',
    post_logout_redirect_uris      text[]      NOT NULL DEFAULT '{}',
    scopes                         text[]      NOT NULL,
    access_token_lifetime_seconds  integer     NOT NULL DEFAULT 900 CHECK (access_token_lifetime_seconds BETWEEN 60 AND 3600),
    refresh_token_sliding_seconds  integer     NOT NULL DEFAULT 1209600 CHECK (refresh_token_sliding_seconds > 0),
    refresh_token_absolute_seconds integer     NOT NULL DEFAULT 2592000 CHECK (refresh_token_absolute_seconds >= refresh_token_sliding_seconds),
    created_at                     timestamptz NOT NULL DEFAULT now(),
    revoked_at                     timestamptz,
    CONSTRAINT oauth_clients_tenant_client_key UNIQUE (tenant_id, client_id),
    CONSTRAINT oauth_clients_secret CHECK ((client_type = 'confidential') = (secret_hash IS NOT NULL)),
    CONSTRAINT oauth_clients_public_grants CHECK (client_type = 'confidential' OR NOT ('client_credentials' = ANY (grant_types)))
);
SELECT platform.enable_tenant_isolation('identity.oauth_clients');

-- A signed-in staff session (the browser cookie names it). Ending it signs the person out of every
-- service and revokes the refresh tokens issued in it.
CREATE TABLE identity.sessions (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL REFERENCES identity.tenants (id),
    user_id    uuid        NOT NULL REFERENCES identity.users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at   timestamptz,
    user_agent text,
    ip_address text
);
CREATE INDEX sessions_user ON identity.sessions (user_id) WHERE ended_at IS NULL;
SELECT platform.enable_tenant_isolation('identity.sessions');

-- Authorization codes: single use, short-lived, bound to client, redirect URI, PKCE challenge and nonce.
-- Only a hash is kept. refresh_family remembers what the code produced, so a replayed code revokes it.
CREATE TABLE identity.authorization_codes (
    code_hash      bytea       PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES identity.tenants (id),
    client_id      text        NOT NULL,
    user_id        uuid        NOT NULL REFERENCES identity.users (id),
    session_id     uuid        NOT NULL REFERENCES identity.sessions (id),
    redirect_uri   text        NOT NULL,
    scope          text        NOT NULL,
    nonce          text,
    code_challenge text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    consumed_at    timestamptz,
    refresh_family uuid,
    access_jti     text
);
SELECT platform.enable_tenant_isolation('identity.authorization_codes');

-- Opaque refresh tokens (hash only), rotated on every use. A family is every token descended from one grant:
-- presenting a rotated-away token again revokes the whole family (RFC 9700 §4.14.2).
CREATE TABLE identity.refresh_tokens (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash        bytea       NOT NULL UNIQUE,
    tenant_id         uuid        NOT NULL REFERENCES identity.tenants (id),
    family_id         uuid        NOT NULL,
    client_id         text        NOT NULL,
    user_id           uuid        REFERENCES identity.users (id),
    session_id        uuid        REFERENCES identity.sessions (id),
    scope             text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    family_expires_at timestamptz NOT NULL,
    consumed_at       timestamptz,
    revoked_at        timestamptz,
    revoked_reason    text
);
CREATE INDEX refresh_tokens_family ON identity.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_session ON identity.refresh_tokens (session_id) WHERE session_id IS NOT NULL;
SELECT platform.enable_tenant_isolation('identity.refresh_tokens');

-- Access tokens revoked before they expire (by jti). Introspection and userinfo refuse them; services that
-- validate JWTs locally accept them until they expire, which is why access tokens live 15 minutes.
CREATE TABLE identity.revoked_access_tokens (
    jti        text        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES identity.tenants (id),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NOT NULL DEFAULT now()
);
SELECT platform.enable_tenant_isolation('identity.revoked_access_tokens');

-- What a person allowed a third-party client to do on their behalf; first-party clients need no consent.
CREATE TABLE identity.consents (
    tenant_id  uuid        NOT NULL REFERENCES identity.tenants (id),
    user_id    uuid        NOT NULL REFERENCES identity.users (id),
    client_id  text        NOT NULL,
    scopes     text[]      NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, client_id)
);
SELECT platform.enable_tenant_isolation('identity.consents');

-- Token signing keys (platform data: one key ring for every store). The private key is protected with
-- ASP.NET Core Data Protection. A key signs from activated_at to retired_at, and stays published in the
-- JWKS until expires_at, so tokens it signed validate until they expire.
CREATE TABLE identity.signing_keys (
    kid                   text        PRIMARY KEY,
    algorithm             text        NOT NULL CHECK (algorithm = 'RS256'),
    private_key_protected text        NOT NULL,
    public_jwk            jsonb       NOT NULL,
    activated_at          timestamptz NOT NULL DEFAULT now(),
    retired_at            timestamptz,
    expires_at            timestamptz
);
