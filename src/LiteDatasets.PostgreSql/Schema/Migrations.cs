namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// The store's tables, as a list of migrations: migration <c>n</c> takes a schema from version <c>n - 1</c> to
/// <c>n</c>. A release that changes the tables appends one; each applied migration is recorded in the schema's
/// <c>migrations</c> table, so every release knows what a schema holds. <c>{s}</c> stands for the quoted schema.
/// </summary>
internal static class Migrations
{
    /// <summary>The migrations, oldest first.</summary>
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "datasets, revisions, versions, tags and schemas", """
            CREATE TABLE {s}.datasets (
                key integer PRIMARY KEY,
                id text COLLATE "C" NOT NULL UNIQUE,
                name text NOT NULL,
                name_key text COLLATE "C" NOT NULL UNIQUE,
                description bytea,
                metadata text,
                input_schema text,
                expected_output_schema text,
                version bigint NOT NULL,
                item_count bigint NOT NULL,
                last_seq bigint NOT NULL,
                fingerprint bytea NOT NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                last_version_at bigint NOT NULL);
            CREATE SEQUENCE {s}.dataset_keys AS integer;
            -- A revision is one state of one item, live for the versions [valid_from, valid_to); payloads are the
            -- exact UTF-8 JSON the caller gave (jsonb would re-sort keys and rewrite numbers).
            CREATE TABLE {s}.revisions (
                row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                dataset_key integer NOT NULL,
                item_id text COLLATE "C" NOT NULL,
                seq bigint NOT NULL,
                valid_from bigint NOT NULL,
                valid_to bigint NOT NULL,
                external_id bytea,
                input bytea NOT NULL,
                expected bytea,
                metadata bytea,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                CONSTRAINT revisions_item UNIQUE (dataset_key, item_id, valid_from));
            CREATE INDEX revisions_order ON {s}.revisions (dataset_key, seq, valid_from);
            CREATE INDEX revisions_valid_to ON {s}.revisions (dataset_key, valid_to, seq);
            CREATE INDEX revisions_external_id ON {s}.revisions (dataset_key, external_id, valid_to) WHERE external_id IS NOT NULL;
            CREATE TABLE {s}.versions (
                dataset_key integer NOT NULL,
                number bigint NOT NULL,
                created_at bigint NOT NULL,
                message bytea,
                added integer NOT NULL,
                updated integer NOT NULL,
                deleted integer NOT NULL,
                item_count bigint NOT NULL,
                schema_changed boolean NOT NULL,
                last_seq bigint NOT NULL,
                fingerprint bytea NOT NULL,
                revived text[] NOT NULL,
                PRIMARY KEY (dataset_key, number));
            CREATE TABLE {s}.tags (
                row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                dataset_key integer NOT NULL,
                name text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                CONSTRAINT tags_name UNIQUE (dataset_key, name));
            CREATE TABLE {s}.schemas (
                dataset_key integer NOT NULL,
                version bigint NOT NULL,
                input_schema text,
                expected_output_schema text,
                PRIMARY KEY (dataset_key, version));
            """),
        new(2, "experiments, their sequence counters and their results", """
            -- An experiment pins one dataset version. Its JSON parts (filter, scorers, metadata) are exact UTF-8 text,
            -- and free text that may hold U+0000 (task version, description) is UTF-8 bytes, as elsewhere.
            CREATE TABLE {s}.experiments (
                id text COLLATE "C" PRIMARY KEY,
                dataset_key integer NOT NULL,
                sequence bigint NOT NULL,
                name text NOT NULL,
                name_key text COLLATE "C" NOT NULL,
                dataset_version bigint NOT NULL,
                pin integer NOT NULL,
                resolved_from text,
                dataset_fingerprint bytea NOT NULL,
                filter bytea,
                repetitions integer NOT NULL,
                task_version bytea,
                scorers bytea,
                description bytea,
                metadata bytea,
                status integer NOT NULL,
                expected_runs bigint NOT NULL,
                recorded bigint NOT NULL,
                succeeded bigint NOT NULL,
                failed bigint NOT NULL,
                carried bigint NOT NULL,
                created_at bigint NOT NULL,
                completed_at bigint,
                CONSTRAINT experiments_sequence UNIQUE (dataset_key, sequence),
                CONSTRAINT experiments_name UNIQUE (dataset_key, name_key));
            -- The last sequence number given per dataset, apart from the experiments: deleting one gives no number back.
            CREATE TABLE {s}.experiment_sequences (
                dataset_key integer PRIMARY KEY,
                last_sequence bigint NOT NULL);
            -- One result per experiment, item (by its sequence number, so that key order is snapshot order) and
            -- repetition; the output is the exact UTF-8 JSON given, the rest of the result one UTF-8 JSON document.
            CREATE TABLE {s}.results (
                experiment_id text COLLATE "C" NOT NULL,
                seq bigint NOT NULL,
                repetition integer NOT NULL,
                dataset_key integer NOT NULL,
                item_id text COLLATE "C" NOT NULL,
                item_version bigint NOT NULL,
                item_hash bytea NOT NULL,
                attempt integer NOT NULL,
                failed boolean NOT NULL,
                output bytea,
                body bytea NOT NULL,
                recorded_at bigint NOT NULL,
                PRIMARY KEY (experiment_id, seq, repetition));
            CREATE INDEX results_dataset ON {s}.results (dataset_key);
            """, ReadsOlderSchemas: true),
        new(3, "the key-value cache", """
            -- One entry per row key, which the rules derive from the scope and the key (both kept, as UTF-8 bytes, since
            -- they may hold U+0000); times are UTC milliseconds, expires_at null for an entry that never expires.
            CREATE TABLE {s}.cache_entries (
                id text COLLATE "C" PRIMARY KEY,
                scope bytea NOT NULL,
                key bytea NOT NULL,
                value bytea NOT NULL,
                expires_at bigint,
                absolute_expiry bigint,
                sliding bigint,
                written_at bigint NOT NULL);
            """, ReadsOlderSchemas: true),
        new(4, "experiments' staleness policy and the experiment their results were carried from", """
            ALTER TABLE {s}.experiments ADD COLUMN policy bytea;
            ALTER TABLE {s}.experiments ADD COLUMN carried_from text COLLATE "C";
            """, ReadsOlderSchemas: true),
    ];

    /// <summary>Gets the schema version this release writes: that of its last migration.</summary>
    public static int Current => All[^1].Version;

    /// <summary>The migration that added the experiment and result tables.</summary>
    public const int Experiments = 2;

    /// <summary>The migration that added the cache table.</summary>
    public const int Cache = 3;

    /// <summary>The migration that added the experiments' policy and carried-from columns (older schemas read them as null).</summary>
    public const int CarryForward = 4;
}
