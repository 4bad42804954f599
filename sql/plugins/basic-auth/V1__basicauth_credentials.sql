-- basic-auth's credentials; passwords are stored only as salted hashes.
CREATE TABLE basicauth_credentials (
    id           uuid PRIMARY KEY,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL,
    consumer_id  uuid NOT NULL REFERENCES consumers (id) ON DELETE CASCADE,
    username     text NOT NULL UNIQUE,
    password     text NOT NULL,
    tags         text[]
);
CREATE INDEX basicauth_credentials_consumer_id_idx ON basicauth_credentials (consumer_id);
