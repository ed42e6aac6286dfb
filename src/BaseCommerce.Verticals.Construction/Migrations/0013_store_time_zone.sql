-- The store's time zone (IANA id): its nightly recomputations run at its hours there, and its calendar days are its own.
ALTER TABLE construction.configuracoes_loja
    ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Sao_Paulo' CHECK (char_length(time_zone) <= 40);
