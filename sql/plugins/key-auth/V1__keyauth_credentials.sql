-- key-auth's credentials; they go with their consumer.
CREATE TABLE keyauth_credentials (
    id           uuid PRIMARY KEY,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL,
    consumer_id  uuid NOT NULL REFERENCES consumers (id) ON DELETE CASCADE,
    key          text NOT NULL UNIQUE,
    tags         text[]
);
CREATE INDEX keyauth_credentials_consumer_id_idx ON keyauth_credentials (consumer_id);
