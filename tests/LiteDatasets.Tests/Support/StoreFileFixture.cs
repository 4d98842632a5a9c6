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

    /// <summary>Gets the path of the journal beside <see cref="StorePath"/>.</summary>
    protected string JournalPath => StorePath + "-journal";

    /// <summary>
    /// Copies the store's data file (and its journal, when there is one and <paramref name="includeJournal"/>) as they
    /// are on disk now into a new directory of the scratch directory: what a crash at this moment would leave.
    /// </summary>
    protected string CopyInto(string directoryName, bool includeJournal = true)
    {
        var directory = System.IO.Path.Combine(Scratch.Path, directoryName);
        Directory.CreateDirectory(directory);
        var copy = System.IO.Path.Combine(directory, "store.litedb");
        UnlockedFile.Copy(StorePath, copy);
        if (includeJournal && File.Exists(JournalPath))
        {
            UnlockedFile.Copy(JournalPath, copy + "-journal");
        }

        return copy;
    }

    [SetUp]
    public void CreateScratchDirectory()
    {
        Scratch = new TempDirectory();
        StorePath = Scratch.File("store.litedb");
    }

    [TearDown]
    public void DeleteScratchDirectory() => Scratch.Dispose();
}
