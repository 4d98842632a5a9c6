namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Puts the library's error messages in the tool's terms: advice that names a library member becomes the
/// command or option that does the same, and a dataset the command found is named by its name, not its id.
/// </summary>
internal static class ToolMessages
{
    /// <summary>The library's advice, and what a user of the tool does instead.</summary>
    internal static readonly (string Library, string Tool)[] Advice =
    [
        ("Use UpsertItems to update that item instead.", "Import with --mode upsert to update that item instead."),
        ("Use MoveTag to point it elsewhere.", "Use 'litedatasets tag move' to point it elsewhere."),
        ("Close the other store first, or open it with Shared = true from every process.", "Another program may have it open for writing: let it finish or close it, then retry. Commands that only read take --shared, which helps only if that program opened the file shared too (litedatasets commands that write never do)."),
        ("Retry later or raise LockTimeout.", "Retry later."),
        ("Pass NextCursor unchanged, or omit After to start over.", "Pass the cursor a page printed, unchanged, or leave out --after to start over."),
        ("or store it as a new dataset with HistoryImportOptions.AsName.", "or add --as NAME to store it as a new dataset."),
        ("Open it once for writing with UpgradeFormat on (the default) to upgrade it;", "Any command that writes to it (such as import or tag add) upgrades it;"),
        ("Open it with ReadOnly = true to read it.", "Commands that only read it (list, items, show, export) still work."),
        ("; see Failures)", ")"),
    ];

    /// <summary>The datasets the running command found, by id (set for the length of one command line).</summary>
    private static readonly AsyncLocal<Dictionary<string, string>?> s_names = new();

    /// <summary>Starts remembering the datasets of one command line.</summary>
    public static void BeginCommand() => s_names.Value = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Remembers a dataset the command found, so that errors about it can use its name.</summary>
    public static Dataset Found(Dataset dataset)
    {
        s_names.Value?.TryAdd(dataset.Id, dataset.Name);
        return dataset;
    }

    /// <summary>Rewrites a library message for the tool.</summary>
    public static string For(string message)
    {
        foreach (var (library, tool) in Advice)
        {
            message = message.Replace(library, tool, StringComparison.Ordinal);
        }

        foreach (var (id, name) in s_names.Value ?? [])
        {
            message = message.Replace($"'{id}'", $"'{name}'", StringComparison.Ordinal);
        }

        return message;
    }
}
