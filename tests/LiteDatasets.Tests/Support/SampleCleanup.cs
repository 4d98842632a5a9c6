namespace LiteDatasets.Tests;

/// <summary>
/// Removes what the whole test run shares once every test has run: the sample store files and the PostgreSQL
/// server (<see cref="PostgresSuite"/>), if a test started it.
/// </summary>
[SetUpFixture]
public sealed class SampleCleanup
{
    [OneTimeTearDown]
    public void CleanUp()
    {
        // One teardown method, so that the server is stopped even when deleting the samples fails.
        try
        {
            TestStores.DeleteSamples();
        }
        finally
        {
            PostgresSuite.Stop();
        }
    }
}
