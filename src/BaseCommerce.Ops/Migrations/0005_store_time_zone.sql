-- The store's time zone (IANA id) from StoreScheduleChanged: its recurring jobs' cron is read in it.
ALTER TABLE ops.store_schedules ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Sao_Paulo';
