namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// Keeps one owner per store file. The operating-system lock comes from opening the data file with
/// <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Linux), or with a read handle that shares only
/// with other shared-mode openers. The in-process registry gives the same answer for a second open in this
/// process without depending on how the OS treats one process's own locks.
/// </summary>
internal static class FileLocks
{
    private const int Exclusive = -1;

    private static readonly Dictionary<string, int> s_openers = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>Registers an open of <paramref name="fullPath"/> in this process; shared opens may coexist.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.FileLocked"/> when the file is open in a conflicting mode.</exception>
    public static void Register(string fullPath, bool shared)
    {
        lock (s_openers)
        {
            s_openers.TryGetValue(fullPath, out var count);
            if (count == Exclusive || (count > 0 && !shared))
            {
                throw Errors.FileLocked(fullPath);
            }

            s_openers[fullPath] = shared ? count + 1 : Exclusive;
        }
    }

    /// <summary>Releases one registration made by <see cref="Register"/>.</summary>
    public static void Unregister(string fullPath)
    {
        lock (s_openers)
        {
            if (s_openers.TryGetValue(fullPath, out var count) && count > 1)
            {
                s_openers[fullPath] = count - 1;
            }
            else
            {
                s_openers.Remove(fullPath);
            }
        }
    }

    /// <summary>Whether an exception from opening a file means another handle holds a conflicting lock.</summary>
    public static bool IsLockConflict(IOException ex) =>
        ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException
        && (ex.HResult == 11 /* EWOULDBLOCK from flock on Linux */
            || (ex.HResult & 0xFFFF) is 32 or 33 /* sharing or lock violation on Windows */);
}
