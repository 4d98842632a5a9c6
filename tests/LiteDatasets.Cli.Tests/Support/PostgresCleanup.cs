using LiteDatasets.Tests;

namespace LiteDatasets.Cli.Tests;

/// <summary>Stops the PostgreSQL server of the test run (<see cref="PostgresSuite"/>) once every test has run, if a test started it.</summary>
[SetUpFixture]
public sealed class PostgresCleanup
{
    [OneTimeTearDown]
    public void StopServer() => PostgresSuite.Stop();
}
