namespace LiteDatasets.Packaging.Tests;

/// <summary>Finds the repository's root (the folder of LiteDatasets.sln) above the test's output.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiteDatasets.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LiteDatasets.sln was not found above " + AppContext.BaseDirectory);
    }
}
