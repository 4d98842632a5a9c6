namespace LiteDatasets.Tests;

/// <summary>Removes the shared sample store files once every test has run.</summary>
[SetUpFixture]
public sealed class SampleCleanup
{
    [OneTimeTearDown]
    public void DeleteSamples() => TestStores.DeleteSamples();
}
