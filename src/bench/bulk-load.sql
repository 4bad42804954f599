-- Bulk load of the benchmark's large configuration straight into Gatehouse's database:
-- :routes key-auth routes on the service 'auth', and :consumers consumers, each with one
-- key-auth key. Through the Admin API that is routes + 2 * consumers calls; this takes seconds.
-- BulkLoad.java must have created the services and the key-auth plugin first (--routes 0).
-- Run with psql against the node's PostgreSQL (the embedded one listens on
-- 127.0.0.1:<gatehouse.embedded.port>, user postgres, no password):
--
--   psql -h 127.0.0.1 -p 18533 -U postgres -d postgres -v routes=10000 -v consumers=100000 \
--        -f src/bench/bulk-load.sql
--
-- Rows follow sql/core/V1__core_entities.sql and sql/plugins/key-auth/V1__keyauth_credentials.sql,
-- with the values the Admin API stores for {"paths": [...]} and {"key": ...}: Kong's route
-- defaults, timestamps in epoch seconds. Route i is r%05d with path /r/%05d (zero-padded, so no
-- route path is a prefix of another); consumer i is bench-c%06d with key md5('bench-key-' || i),
-- the same names and keys BulkLoad.java creates through the Admin API.
--
-- Every write must move gatehouse_config.version forward and NOTIFY 'gatehouse_config' in the
-- same transaction (see io.gatehouse.store.ConfigVersionMapper): that is how every node learns
-- that it must rebuild its configuration snapshot. The poll (gatehouse.poll_interval_ms) would
-- catch a missing NOTIFY, but not a missing version bump.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO routes (id, created_at, updated_at, name, protocols, methods, hosts, paths, headers, snis,
                    sources, destinations, https_redirect_status_code, regex_priority, strip_path,
                    path_handling, preserve_host, request_buffering, response_buffering, tags, service_id)
SELECT gen_random_uuid(), extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint,
       'r' || lpad(i::text, 5, '0'), ARRAY['http', 'https'], NULL, NULL, ARRAY['/r/' || lpad(i::text, 5, '0')],
       NULL, NULL, NULL, NULL, 426, 0, true, 'v0', false, true, true, NULL,
       (SELECT id FROM services WHERE name = 'auth')
FROM generate_series(0, :routes - 1) AS i;

INSERT INTO consumers (id, created_at, updated_at, username, custom_id, tags)
SELECT gen_random_uuid(), extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint,
       'bench-c' || lpad(i::text, 6, '0'), NULL, NULL
FROM generate_series(0, :consumers - 1) AS i;

INSERT INTO keyauth_credentials (id, created_at, updated_at, consumer_id, key, tags)
SELECT gen_random_uuid(), c.created_at, c.created_at, c.id,
       md5('bench-key-' || (substring(c.username FROM 8))::int), NULL
FROM consumers c
WHERE c.username LIKE 'bench-c%';

WITH bumped AS (UPDATE gatehouse_config SET version = version + 1 RETURNING version)
SELECT pg_notify('gatehouse_config', version::text) FROM bumped;

COMMIT;
