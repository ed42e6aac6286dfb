-- The Delivery engine's plans as the vertical projected them, and the store's engine settings (the admin's page; the
-- engines hear of them through StoreSettingsChanged).

CREATE TABLE construction.insight_rotas_dias (
    tenant_id uuid        NOT NULL,
    day       date        NOT NULL,
    event_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
SELECT platform.enable_tenant_isolation('construction.insight_rotas_dias');

CREATE TABLE construction.insight_rotas (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    day              date          NOT NULL,
    position         integer       NOT NULL,
    name             text          NOT NULL,
    region           text          NOT NULL,
    vehicle          text,
    capacity_kg      numeric(12,3) NOT NULL,
    load_kg          numeric(14,3) NOT NULL,
    distance_km      numeric(12,2) NOT NULL,
    duration_minutes integer       NOT NULL,
    cost             numeric(12,2) NOT NULL,
    ordering         text          NOT NULL,
    stops            jsonb         NOT NULL,
    explanation      text          NOT NULL,
    status           text          NOT NULL DEFAULT 'planejada',
    delivered_stops  integer       NOT NULL DEFAULT 0,
    occurrences      integer       NOT NULL DEFAULT 0,
    progress_at      timestamptz,
    CONSTRAINT insight_rotas_day_fk FOREIGN KEY (tenant_id, day) REFERENCES construction.insight_rotas_dias (tenant_id, day) ON DELETE CASCADE
);
CREATE INDEX insight_rotas_day ON construction.insight_rotas (tenant_id, day, position);
SELECT platform.enable_tenant_isolation('construction.insight_rotas');

CREATE TABLE construction.insight_custos_entrega (
    tenant_id uuid          NOT NULL,
    order_id  uuid          NOT NULL,
    day       date          NOT NULL,
    route_id  uuid          NOT NULL,
    cost      numeric(12,2) NOT NULL,
    event_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_custos_entrega');

CREATE TABLE construction.configuracoes_loja (
    tenant_id       uuid          PRIMARY KEY REFERENCES identity.tenants (id),
    service_level   numeric(5,4)  NOT NULL,
    lead_time_days  integer       NOT NULL,
    safety_percent  numeric(5,2)  NOT NULL,
    target_margin   numeric(5,2)  NOT NULL,
    minimum_margin  numeric(5,2)  NOT NULL,
    maximum_margin  numeric(5,2)  NOT NULL,
    route_fixed_cost numeric(12,2) NOT NULL,
    depot_latitude  numeric(9,6),
    depot_longitude numeric(9,6),
    vehicles        jsonb         NOT NULL,
    updated_by      uuid,
    updated_at      timestamptz   NOT NULL
);
SELECT platform.enable_tenant_isolation('construction.configuracoes_loja');
