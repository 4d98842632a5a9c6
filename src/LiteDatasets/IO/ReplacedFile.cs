namespace LiteDatasets.IO;

/// <summary>
/// Writes a file that appears whole or not at all: into a new hidden file beside it, renamed over the target once
/// written. The new file is never opened through a link, keeps the mode of the file it replaces (a new one follows the
/// umask), and is deleted when writing fails or is cancelled, leaving an existing file as it was.
/// </summary>
internal static class ReplacedFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Refuses a path that names one of <paramref name="store"/>'s own files (links and <c>..</c> resolved).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a file of <paramref name="store"/>.</exception>
    public static void RefuseOwnFile(IDatasetStore store, string path)
    {
        if (store is Storage.IStoreFileOwner owner && owner.Owns(path))
        {
            throw new ArgumentException("An export cannot replace the store's own files (its data file or journal); choose another path.", nameof(path));
        }
    }

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, refusing the store's own files.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a file of <paramref name="store"/>.</exception>
    public static T Write<T>(IDatasetStore store, string path, Func<Stream, T> write)
    {
        RefuseOwnFile(store, path);
        var full = RealPath.Resolve(path);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            T result;
            using (var file = OwnFiles.CreateNew(partial, FileAccess.Write, FileShare.None, mode: null, BufferSize))
            {
                OwnFiles.SetMode(file, OwnFiles.ModeOfFile(full));
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
}
