-- The team's store: the atlas's files, its events as PostGIS rows, the compiled read
-- model each replica copies, and the audit log. One row (atlas.state) carries the
-- revision every write raises; replicas LISTEN on channel atlas_revision.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE SCHEMA IF NOT EXISTS atlas;

CREATE TABLE atlas.state (
    id int PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO atlas.state (id, revision) VALUES (1, 0);

-- File contents, by SHA-256, in chunks (a value of bytea holds at most 1 GB).
CREATE TABLE atlas.blobs (
    sha256 text NOT NULL,
    chunk int NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (sha256, chunk)
);

-- Every file the atlas reads, byte for byte, by area: layers (curated GeoJSON, imported
-- GeoParquet, stories), seeds (the source articles), data (dataset CSVs, datasets.json).
CREATE TABLE atlas.files (
    area text NOT NULL CHECK (area IN ('layers', 'seeds', 'data')),
    path text NOT NULL CHECK (path <> '' AND path NOT LIKE '/%' AND path NOT LIKE '%..%'),
    sha256 text NOT NULL,
    size bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (area, path)
);

-- A layer's compiled file (GeoParquet) and its manifest entry, as its writer made it:
-- a replica copies both instead of validating the layer again. An imported GeoParquet
-- layer is its own compiled file (sha256 NULL: its bytes are the layer's).
CREATE TABLE atlas.compiled (
    source text PRIMARY KEY,
    layer_sha256 text NOT NULL,
    entry jsonb NOT NULL,
    sha256 text
);

-- The events, for SQL and GIS clients (QGIS opens this table): typed columns, a point,
-- and the rest of each feature as JSONB.
CREATE TABLE atlas.events (
    layer text NOT NULL,
    id text NOT NULL,
    event_type text,
    status text,
    date_start date,
    date_end date,
    date_precision text,
    actors text[] NOT NULL DEFAULT '{}',
    geo_precision smallint,
    country text,
    place text,
    fatalities int,
    injured int,
    border_km double precision,
    release text,
    geom geometry(Point, 4326),
    feature jsonb NOT NULL,
    PRIMARY KEY (layer, id)
);
CREATE INDEX events_geom ON atlas.events USING gist (geom);
CREATE INDEX events_dates ON atlas.events (date_start, date_end);
CREATE INDEX events_type ON atlas.events (event_type);

CREATE TABLE atlas.audit (
    seq bigserial PRIMARY KEY,
    txn text NOT NULL,
    time timestamptz NOT NULL DEFAULT now(),
    action text NOT NULL,
    layer text NOT NULL,
    who text NOT NULL,
    entry jsonb NOT NULL
);
CREATE INDEX audit_layer ON atlas.audit (layer, seq);
