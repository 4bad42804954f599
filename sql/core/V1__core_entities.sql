-- Core Kong entities. Constraint names follow PostgreSQL's defaults (<table>_<column>_key,
-- <table>_<column>_fkey): the store reads them to build Kong's error messages.

CREATE TABLE gatehouse_config (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    bigint  NOT NULL
);
INSERT INTO gatehouse_config (singleton, version) VALUES (true, 1);

CREATE TABLE services (
    id                 uuid PRIMARY KEY,
    created_at         bigint NOT NULL,
    updated_at         bigint NOT NULL,
    name               text UNIQUE,
    retries            integer NOT NULL,
    protocol           text NOT NULL,
    host               text NOT NULL,
    port               integer NOT NULL,
    path               text,
    connect_timeout    integer NOT NULL,
    write_timeout      integer NOT NULL,
    read_timeout       integer NOT NULL,
    tags               text[],
    client_certificate_id uuid,
    tls_verify         boolean,
    tls_verify_depth   integer,
    ca_certificates    text[],
    enabled            boolean NOT NULL
);

CREATE TABLE routes (
    id                 uuid PRIMARY KEY,
    created_at         bigint NOT NULL,
    updated_at         bigint NOT NULL,
    name               text UNIQUE,
    protocols          text[] NOT NULL,
    methods            text[],
    hosts              text[],
    paths              text[],
    headers            jsonb,
    snis               text[],
    sources            jsonb,
    destinations       jsonb,
    https_redirect_status_code integer NOT NULL,
    regex_priority     bigint NOT NULL,
    strip_path         boolean NOT NULL,
    path_handling      text NOT NULL,
    preserve_host      boolean NOT NULL,
    request_buffering  boolean NOT NULL,
    response_buffering boolean NOT NULL,
    tags               text[],
    -- Kong restricts deleting a service that routes still use: no cascade here.
    service_id         uuid REFERENCES services (id)
);
CREATE INDEX routes_service_id_idx ON routes (service_id);

CREATE TABLE consumers (
    id          uuid PRIMARY KEY,
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL,
    username    text UNIQUE,
    custom_id   text UNIQUE,
    tags        text[]
);

-- Kong 0.13's legacy entity, still used by older scripts.
CREATE TABLE apis (
    id                        uuid PRIMARY KEY,
    created_at                bigint NOT NULL,
    name                      text NOT NULL UNIQUE,
    hosts                     text[],
    uris                      text[],
    methods                   text[],
    upstream_url              text NOT NULL,
    strip_uri                 boolean NOT NULL,
    preserve_host             boolean NOT NULL,
    retries                   integer NOT NULL,
    upstream_connect_timeout  integer NOT NULL,
    upstream_send_timeout     integer NOT NULL,
    upstream_read_timeout     integer NOT NULL,
    https_only                boolean NOT NULL,
    http_if_terminated        boolean NOT NULL
);

CREATE TABLE plugins (
    id             uuid PRIMARY KEY,
    created_at     bigint NOT NULL,
    updated_at     bigint NOT NULL,
    name           text NOT NULL,
    instance_name  text UNIQUE,
    route_id       uuid REFERENCES routes (id) ON DELETE CASCADE,
    service_id     uuid REFERENCES services (id) ON DELETE CASCADE,
    consumer_id    uuid REFERENCES consumers (id) ON DELETE CASCADE,
    api_id         uuid REFERENCES apis (id) ON DELETE CASCADE,
    config         jsonb NOT NULL,
    protocols      text[] NOT NULL,
    enabled        boolean NOT NULL,
    tags           text[]
);
-- At most one plugin per (name, route, service, consumer, api): Kong's cache_key.
CREATE UNIQUE INDEX plugins_cache_key ON plugins (
    name,
    COALESCE(route_id, '00000000-0000-0000-0000-000000000000'),
    COALESCE(service_id, '00000000-0000-0000-0000-000000000000'),
    COALESCE(consumer_id, '00000000-0000-0000-0000-000000000000'),
    COALESCE(api_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX plugins_route_id_idx ON plugins (route_id);
CREATE INDEX plugins_service_id_idx ON plugins (service_id);
CREATE INDEX plugins_consumer_id_idx ON plugins (consumer_id);
CREATE INDEX plugins_api_id_idx ON plugins (api_id);

CREATE INDEX services_tags_idx ON services USING gin (tags);
CREATE INDEX routes_tags_idx ON routes USING gin (tags);
CREATE INDEX consumers_tags_idx ON consumers USING gin (tags);
CREATE INDEX plugins_tags_idx ON plugins USING gin (tags);
