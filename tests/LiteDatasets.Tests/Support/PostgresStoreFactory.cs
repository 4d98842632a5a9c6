using LiteDatasets.PostgreSql;

namespace LiteDatasets.Tests;

/// <summary>Stores on the test run's private PostgreSQL server, each in a schema of its own.</summary>
public sealed class PostgresStoreFactory() : StoreFactory("postgresql")
{
    private string? _schema;
    private TimeSpan _patternTimeBudget;

    public override bool CanReopen => true;

    public override IDatasetStore Open(TimeProvider clock, TimeSpan patternTimeBudget)
    {
        _schema = PostgresSuite.NewSchema();
        _patternTimeBudget = patternTimeBudget;
        return OpenSchema(clock);
    }

    public override IDatasetStore Reopen(IDatasetStore store, TimeProvider clock)
    {
        store.Dispose();
        return OpenSchema(clock);
    }

    private PostgresDatasetStore OpenSchema(TimeProvider clock) =>
        PostgresDatasetStore.Open(PostgresSuite.Server.ConnectionString, new PostgresStoreOptions { Schema = _schema!, TimeProvider = clock, PatternTimeBudget = _patternTimeBudget });
}
