namespace LiteDatasets.PostgreSql;

/// <summary>Settings for <see cref="PostgresDatasetStore.Open(string, PostgresStoreOptions?)"/>.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "litedatasets";

    /// <summary>
    /// Gets the PostgreSQL schema that holds every table of the store; <c>litedatasets</c> by default. Stores in
    /// different schemas of one database are independent (tenants, tests). It is created when missing.
    /// </summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>Gets the clock used for every timestamp (never the server's <c>now()</c>); <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets how long a write waits for its dataset's row lock (held by another writer, in any process) before
    /// failing with <see cref="ErrorCode.Busy"/>; 30 seconds by default.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets whether to open for reading only; <see langword="false"/> by default. A read-only open creates and
    /// upgrades nothing (the schema must already be at this release's version) and every write fails with
    /// <see cref="ErrorCode.ReadOnly"/>.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Gets how long the regular expressions of a dataset's schemas (<c>pattern</c>, <c>patternProperties</c>) may
    /// run in one call, summed over every item the call checks: a write, or a schema change that checks the live
    /// items; 1 second by default. Each match also stops after 200 ms, and the value then fails the schema. A call
    /// that spends its budget fails with <see cref="ErrorCode.SchemaViolation"/> naming the item being checked,
    /// and writes nothing. The rest of validation is never time-limited. Raise it for calls that check millions
    /// of values against patterns; <see cref="Timeout.InfiniteTimeSpan"/> leaves only the per-match limit.
    /// </summary>
    public TimeSpan PatternTimeBudget { get; init; } = Schemas.PatternBudget.DefaultTotal;
}
