namespace LiteDatasets.Tests;

/// <summary>
/// A fixture whose tests each get a scratch directory of their own and the path of a store file in it
/// (not created: the test decides what is there). The directory is deleted after the test.
/// </summary>
public abstract class StoreFileFixture
{
    /// <summary>Gets the test's scratch directory.</summary>
    protected TempDirectory Scratch { get; private set; } = null!;

    /// <summary>Gets the path of the test's store file, <c>store.litedb</c> in <see cref="Scratch"/>.</summary>
    protected string StorePath { get; private set; } = null!;

    [SetUp]
    public void CreateScratchDirectory()
    {
        Scratch = new TempDirectory();
        StorePath = Scratch.File("store.litedb");
    }

    [TearDown]
    public void DeleteScratchDirectory() => Scratch.Dispose();
}
