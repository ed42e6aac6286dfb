-- The hours (store time, 0–23) at which the scheduler recomputes the store: stock and forecasts, prices, next day's routes.
ALTER TABLE construction.configuracoes_loja
    ADD COLUMN stock_recompute_hour integer NOT NULL DEFAULT 2 CHECK (stock_recompute_hour BETWEEN 0 AND 23),
    ADD COLUMN pricing_refresh_hour integer NOT NULL DEFAULT 3 CHECK (pricing_refresh_hour BETWEEN 0 AND 23),
    ADD COLUMN route_planning_hour  integer NOT NULL DEFAULT 18 CHECK (route_planning_hour BETWEEN 0 AND 23);
