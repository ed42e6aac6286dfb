-- The Delivery engine's facts and plans: from events only, every row tenant-owned with forced row-level security.

CREATE TABLE delivery.products (
    tenant_id  uuid          NOT NULL,
    product_id uuid          NOT NULL,
    weight_kg  numeric(12,3),
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('delivery.products');

CREATE TABLE delivery.sites (
    tenant_id uuid         NOT NULL,
    site_id   uuid         NOT NULL,
    city      text,
    cep       text,
    latitude  numeric(9,6),
    longitude numeric(9,6),
    PRIMARY KEY (tenant_id, site_id)
);
SELECT platform.enable_tenant_isolation('delivery.sites');

-- Orders and their status as the engine saw them (OrderCreated, OrderStatusChanged, OrderCancelled).
CREATE TABLE delivery.orders (
    tenant_id  uuid        NOT NULL,
    order_id   uuid        NOT NULL,
    number     text        NOT NULL,
    site_id    uuid,
    city       text,
    status     text        NOT NULL,
    status_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX orders_status ON delivery.orders (tenant_id, status);
SELECT platform.enable_tenant_isolation('delivery.orders');

CREATE TABLE delivery.order_items (
    tenant_id  uuid          NOT NULL,
    order_id   uuid          NOT NULL,
    product_id uuid          NOT NULL,
    quantity   numeric(14,3) NOT NULL,
    PRIMARY KEY (tenant_id, order_id, product_id)
);
SELECT platform.enable_tenant_isolation('delivery.order_items');

CREATE TABLE delivery.settings (
    tenant_id        uuid          PRIMARY KEY,
    fixed_cost       numeric(12,2) NOT NULL DEFAULT 50 CHECK (fixed_cost >= 0),
    depot_latitude   numeric(9,6),
    depot_longitude  numeric(9,6),
    average_speed    numeric(6,2)  NOT NULL DEFAULT 30 CHECK (average_speed > 0),
    minutes_per_stop integer       NOT NULL DEFAULT 10 CHECK (minutes_per_stop >= 0),
    time_zone        text          NOT NULL DEFAULT 'America/Sao_Paulo'
);
SELECT platform.enable_tenant_isolation('delivery.settings');

CREATE TABLE delivery.vehicles (
    tenant_id   uuid          NOT NULL,
    name        text          NOT NULL,
    capacity_kg numeric(12,3) NOT NULL CHECK (capacity_kg > 0),
    cost_per_km numeric(12,2) NOT NULL CHECK (cost_per_km >= 0),
    PRIMARY KEY (tenant_id, name)
);
SELECT platform.enable_tenant_isolation('delivery.vehicles');

-- The last plan of each day (published as DeliveryRoutesPlanned) and each stop's progress.
CREATE TABLE delivery.plans (
    tenant_id  uuid        NOT NULL,
    day        date        NOT NULL,
    routes     jsonb       NOT NULL,
    planned_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
SELECT platform.enable_tenant_isolation('delivery.plans');

CREATE TABLE delivery.route_stops (
    tenant_id uuid    NOT NULL,
    day       date    NOT NULL,
    route_id  uuid    NOT NULL,
    order_id  uuid    NOT NULL,
    sequence  integer NOT NULL,
    cost      numeric(12,2) NOT NULL,
    PRIMARY KEY (tenant_id, day, order_id)
);
CREATE INDEX route_stops_route ON delivery.route_stops (tenant_id, route_id);
SELECT platform.enable_tenant_isolation('delivery.route_stops');

-- What the driver recorded per order: arrival, delivery, occurrences.
CREATE TABLE delivery.stop_events (
    tenant_id  uuid        NOT NULL,
    event_id   uuid        NOT NULL,
    order_id   uuid        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('chegou', 'entregue', 'ocorrencia')),
    at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX stop_events_order ON delivery.stop_events (tenant_id, order_id);
SELECT platform.enable_tenant_isolation('delivery.stop_events');
