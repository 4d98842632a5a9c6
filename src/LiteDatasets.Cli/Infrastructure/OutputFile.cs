namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Writes a file the tool makes itself (rather than through the library's export) the way an export of items
/// does: beside its target under a hidden name, renamed over it only once complete, so a failure or Ctrl-C leaves
/// no partial file and an existing file as it was; never over one of the store's own files.
/// </summary>
internal static class OutputFile
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The permission bits a file of data keeps from the file it replaces: read and write only.</summary>
    private const UnixFileMode DataBits =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

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

    /// <summary>
    /// Writes <paramref name="target"/> through <paramref name="write"/>: into a new hidden file beside it (created,
    /// never opened through a link), renamed over the target at the end. A link at the target is followed, as
    /// <c>cp</c> does, and a file replaced keeps its permissions.
    /// </summary>
    public static T Write<T>(CliEnvironment env, string target, Func<Stream, T> write)
    {
        var full = RealPath(env.FullPath(target));
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = BufferSize };
        if (!OperatingSystem.IsWindows() && File.Exists(full))
        {
            options.UnixCreateMode = File.GetUnixFileMode(full) & DataBits;
        }

        try
        {
            T result;
            using (var file = new FileStream(partial, options))
            {
                result = write(file);
            }

            File.Move(partial, full, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
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
