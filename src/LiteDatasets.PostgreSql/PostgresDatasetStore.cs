using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Services;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// A store of versioned evaluation datasets in a PostgreSQL database: the same contract, rules and guarantees as
/// the single-file <c>DatasetStore</c>, shared by every process and machine that can reach the server. Open one
/// with <see cref="Open(string, PostgresStoreOptions?)"/>; every write call is one transaction that creates at
/// most one version, and any version reads back exactly (payloads are kept as the exact JSON text given).
/// </summary>
/// <remarks>
/// <para>Thread safety: all members are safe to call from any number of threads and processes. Writers to one
/// dataset take turns on its row lock; readers never wait and never see a partial commit.</para>
/// <para>Every table lives in one schema (<see cref="PostgresStoreOptions.Schema"/>), created and upgraded by
/// <see cref="Open(string, PostgresStoreOptions?)"/>.</para>
/// </remarks>
public sealed class PostgresDatasetStore : DatasetStoreBase
{
    private readonly PostgresEngine _engine;

    private PostgresDatasetStore(PostgresEngine engine, int schemaVersion, TimeProvider clock, TimeSpan patternTimeBudget)
        : base(engine, clock, patternTimeBudget)
    {
        _engine = engine;
        SchemaVersion = schemaVersion;
    }

    /// <summary>Gets the version of the store's tables (the last migration applied to its schema).</summary>
    public int SchemaVersion { get; }

    /// <summary>Gets where the store lives: server, database, user and schema (never the password).</summary>
    public string Location => _engine.Where;

    /// <summary>Gets the store's engine (for the engine's tests).</summary>
    internal PostgresEngine Engine => _engine;

    /// <summary>Opens the store in a PostgreSQL database, creating its tables or upgrading them when needed.</summary>
    /// <param name="connectionString">
    /// The server: Npgsql's keyword form (<c>Host=db;Database=evals;Username=me</c>) or a URL
    /// (<c>postgresql://me@db:5432/evals</c>). A password left out is taken from <c>PGPASSWORD</c> (or a
    /// <c>.pgpass</c> file), so it can stay off command lines.
    /// </param>
    /// <param name="options">The schema, clock and lock timeout; defaults when null.</param>
    /// <returns>The open store; dispose it to release its connections.</returns>
    /// <exception cref="ArgumentException">
    /// The connection string cannot be read, or an option is out of range (<see cref="PostgresStoreOptions.LockTimeout"/> not
    /// positive, <see cref="PostgresStoreOptions.PatternTimeBudget"/> neither positive nor infinite).
    /// </exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.StorageFailure"/> if the server cannot be reached, refuses the login or has no such
    /// database; <see cref="ErrorCode.UnsupportedFormat"/> if a newer release wrote the schema (or a read-only open
    /// finds an older one).
    /// </exception>
    public static PostgresDatasetStore Open(string connectionString, PostgresStoreOptions? options = null) =>
        Open(connectionString, options ?? new PostgresStoreOptions(), Migrations.All);

    /// <summary>Tells whether a schema of a database holds a store (of any release), without creating or changing anything.</summary>
    /// <param name="connectionString">The server, in either form <see cref="Open(string, PostgresStoreOptions?)"/> takes.</param>
    /// <param name="schema">The schema; <see cref="PostgresStoreOptions.DefaultSchema"/> when null.</param>
    /// <returns>Whether a store was ever created there.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.StorageFailure"/> if the server cannot be reached or refuses the login.</exception>
    public static bool Exists(string connectionString, string? schema = null)
    {
        Guard.NotBlank(connectionString);
        schema ??= PostgresStoreOptions.DefaultSchema;
        var settings = PostgresConnectionString.Parse(connectionString);
        var sql = new StoreSql(schema);
        try
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            return SchemaMigrator.CurrentVersion(connection, sql) > 0;
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Map(ex, "looking for the store", PostgresErrors.Where(settings, schema), TimeSpan.Zero);
        }
    }

    /// <summary>Describes where a store lives, as <see cref="Location"/> does, without connecting: server, database, user and schema (never the password).</summary>
    /// <param name="connectionString">The server, in either form <see cref="Open(string, PostgresStoreOptions?)"/> takes.</param>
    /// <param name="schema">The schema; <see cref="PostgresStoreOptions.DefaultSchema"/> when null.</param>
    public static string Describe(string connectionString, string? schema = null)
    {
        Guard.NotBlank(connectionString);
        return PostgresErrors.Where(PostgresConnectionString.Parse(connectionString), schema ?? PostgresStoreOptions.DefaultSchema);
    }

    /// <summary>Opens a store with a migration plan of the caller's (tests of upgrades).</summary>
    internal static PostgresDatasetStore Open(string connectionString, PostgresStoreOptions options, IReadOnlyList<Migration> plan)
    {
        Guard.NotBlank(connectionString);
        Guard.NotNull(options);
        Guard.NotBlank(options.Schema, nameof(options) + "." + nameof(options.Schema));
        Guard.Positive(options.LockTimeout, nameof(options) + "." + nameof(options.LockTimeout));
        Guard.PositiveOrInfinite(options.PatternTimeBudget, nameof(options) + "." + nameof(options.PatternTimeBudget));

        var settings = PostgresConnectionString.Parse(connectionString);
        var where = PostgresErrors.Where(settings, options.Schema);
        var sql = new StoreSql(options.Schema);
        if (settings.MaxAutoPrepare == 0)
        {
            // Every statement of the store has one fixed text (see StoreSql): prepared once per connection, each
            // later call skips parsing and planning.
            settings.MaxAutoPrepare = 64;
        }

        var engine = new PostgresEngine(settings, sql, where, options.LockTimeout, options.ReadOnly);
        try
        {
            var version = engine.WithConnection("opening the store", c => SchemaMigrator.Migrate(c, sql, plan, options.ReadOnly, options.TimeProvider, where));
            engine.HasExperimentTables = version >= Migrations.Experiments;
            engine.HasCacheTable = version >= Migrations.Cache;
            engine.HasCarryColumns = version >= Migrations.CarryForward;
            return new PostgresDatasetStore(engine, version, options.TimeProvider, options.PatternTimeBudget);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks every invariant of the store in one consistent snapshot: versions gap-free, one live revision per
    /// live item and no overlapping revision ranges, counts and fingerprints of every version equal to what its
    /// items give (recomputed from the stored content), tags naming existing versions — plus, in SQL, rows that
    /// belong to no dataset and the schema's recorded version. Writers do not wait while it runs.
    /// </summary>
    /// <returns>The report; <see cref="VerifyReport.IsHealthy"/> when nothing is wrong.</returns>
    public VerifyReport Verify() => _engine.Read(rows => new StoreVerifier(rows).Run(SchemaChecks.Run(((PostgresRows)rows).Connection, _engine.Sql, SchemaVersion)));

    /// <summary>
    /// Closes the store's connections, after committing what its open result recorders hold. Every commit that returned
    /// is already on the server.
    /// </summary>
    /// <exception cref="LiteDatasetsException">Results of a recorder that was not disposed were refused (the store is closed all the same).</exception>
    public override void Dispose() => DisposeWithRecorders(_engine.Dispose);
}
