namespace LiteDatasets.IO;

/// <summary>
/// Opens and creates the files LiteDatasets keeps beside a user's file — a store's journal, the temporary files
/// of exports and backups — so that nobody who can write to the directory can make it write elsewhere: a
/// symbolic link where such a file should be is refused, never followed, and a new file gets the mode it is
/// given (never wider than the file it belongs to; the umask still applies).
/// </summary>
/// <remarks>
/// New files are created with <see cref="FileMode.CreateNew"/>, which fails on any existing name, a dangling link
/// included. Existing files are opened with <c>O_NOFOLLOW</c> on Linux and macOS (<see cref="NoFollowOpen"/>);
/// elsewhere the name is checked for a link just before it is opened.
/// </remarks>
internal static class OwnFiles
{
    /// <summary>The permission bits a file of data may have: read and write, never execute or special bits.</summary>
    private const UnixFileMode DataBits =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Opens the existing file at <paramref name="path"/>, or returns <see langword="null"/> if there is none.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.StorageFailure"/>: the name is a symbolic link.</exception>
    public static FileStream? OpenExisting(string path, FileAccess access, FileShare share)
    {
        if (NoFollowOpen.IsSupported)
        {
            try
            {
                return NoFollowOpen.Open(path, access, share);
            }
            catch (IOException ex) when (NoFollowOpen.IsLinkError(ex))
            {
                throw Errors.LinkRefused(path);
            }
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw Errors.LinkRefused(path);
        }

        return info.Exists ? new FileStream(path, FileMode.Open, access, share, bufferSize: 0) : null;
    }

    /// <summary>Creates a new file at <paramref name="path"/>; fails if any file or link has that name.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="access">The access wanted.</param>
    /// <param name="share">The sharing allowed.</param>
    /// <param name="mode">The mode to create it with (the umask applies), or <see langword="null"/> for the default.</param>
    /// <param name="bufferSize">The stream's buffer size (0 for none).</param>
    /// <exception cref="IOException">The name exists (as a file or a link).</exception>
    public static FileStream CreateNew(string path, FileAccess access, FileShare share, UnixFileMode? mode, int bufferSize = 0)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = access, Share = share, BufferSize = bufferSize };
        if (mode is { } bits && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = bits & DataBits;
        }

        return new FileStream(path, options);
    }

    /// <summary>Opens the file at <paramref name="path"/>, creating it with <paramref name="mode"/> if there is none.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.StorageFailure"/>: the name is a symbolic link.</exception>
    public static FileStream OpenOrCreate(string path, FileShare share, UnixFileMode? mode)
    {
        while (true)
        {
            if (OpenExisting(path, FileAccess.ReadWrite, share) is { } existing)
            {
                return existing;
            }

            try
            {
                return CreateNew(path, FileAccess.ReadWrite, share, mode);
            }
            catch (IOException) when (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                // Another opener created it in between (or a link appeared): open what is there, or refuse the link.
            }
        }
    }

    /// <summary>Gets the permission bits of an open file, or <see langword="null"/> where files have none (Windows).</summary>
    public static UnixFileMode? ModeOf(FileStream file) =>
        OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(file.SafeFileHandle) & DataBits;

    /// <summary>
    /// Gets the permission bits of the regular file at <paramref name="path"/> (the mode a file replacing it keeps),
    /// or <see langword="null"/> when there is no such file (nothing, a link, a directory) or files have no modes.
    /// </summary>
    public static UnixFileMode? ModeOfFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null ? info.UnixFileMode & DataBits : null;
    }

    /// <summary>Sets the exact permission bits of a file this process created (the umask does not apply).</summary>
    public static void SetMode(FileStream file, UnixFileMode? mode)
    {
        if (mode is { } bits && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.SafeFileHandle, bits & DataBits);
        }
    }
}
