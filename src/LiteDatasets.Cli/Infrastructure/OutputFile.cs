namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Checks the target of a file the tool writes itself (with <see cref="DatasetTransfer.WriteFile"/>) before the store
/// is opened, so that a mistake costs nothing: never one of the store's own files, and an existing file only when forced.
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Refuses a target that exists (unless <paramref name="force"/>) or that names the store's data file or
    /// journal, through any link; call it before the store is opened, so a mistake costs nothing.
    /// </summary>
    /// <param name="env">Where relative paths start.</param>
    /// <param name="settings">The store the command reads.</param>
    /// <param name="target">The file as given on the command line.</param>
    /// <param name="force">Whether an existing file may be replaced.</param>
    public static void Check(CliEnvironment env, StoreSettings settings, string target, bool force)
    {
        var full = RealPath(env.FullPath(target));
        if (!settings.IsServer && IsStoreFile(RealPath(env.FullPath(settings.Store)), full))
        {
            throw CliException.Invalid($"'{target}' is a file of the store itself (its data file or journal); choose another output file.");
        }

        if (File.Exists(full) && !force)
        {
            throw CliException.FileExists(target);
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is the store file at <paramref name="store"/> or one of its journals (both real paths).</summary>
    private static bool IsStoreFile(string store, string candidate)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(candidate, store, comparison) || candidate.StartsWith(store + "-journal", comparison);
    }

    /// <summary>Gets an absolute path with every link along it followed, one component at a time.</summary>
    private static string RealPath(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            // The final target of a chain of links (the system refuses a loop); a missing name is kept as it is.
            resolved = new FileInfo(next).LinkTarget is null ? next : File.ResolveLinkTarget(next, returnFinalTarget: true)?.FullName ?? next;
        }

        return resolved;
    }
}
