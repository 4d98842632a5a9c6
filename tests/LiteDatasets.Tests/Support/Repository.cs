namespace LiteDatasets.Tests;

/// <summary>Paths in the repository the tests run from (its README, its data, its sources).</summary>
public static class Repository
{
    /// <summary>Gets the repository's root: the folder that holds LiteDatasets.sln.</summary>
    public static string Root
    {
        get
        {
            var root = TestContext.CurrentContext.TestDirectory;
            while (!System.IO.File.Exists(Path.Combine(root, "LiteDatasets.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new AssertionException("The repository root was not found.");
            }

            return root;
        }
    }

    /// <summary>Gets a path under the root, given by its parts.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
