-- What a store is beyond its slug: its company (CNPJ), who to talk to, its branding and its feature flags.
-- CNPJ is nullable only for rows created before this migration; the admin commands require a valid one.
ALTER TABLE identity.tenants
    ADD COLUMN cnpj            text CHECK (cnpj ~ '^[0-9]{14}$'),
    ADD COLUMN contact_name    text,
    ADD COLUMN contact_email   text,
    ADD COLUMN contact_phone   text,
    ADD COLUMN logo_url        text,
    ADD COLUMN primary_color   text NOT NULL DEFAULT '#1f4e79' CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN secondary_color text NOT NULL DEFAULT '#f2a900' CHECK (secondary_color ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN features        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(features) = 'object');

CREATE UNIQUE INDEX tenants_cnpj_key ON identity.tenants (cnpj) WHERE cnpj IS NOT NULL;
