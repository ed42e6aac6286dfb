-- ASP.NET Core Data Protection key ring, shared by every service: the staff session cookie that the
-- Identity service issues is read by the others, and antiforgery tokens survive restarts and replicas.
CREATE TABLE platform.data_protection_keys (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text       NOT NULL,
    xml          text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON platform.data_protection_keys TO basecommerce_app;
