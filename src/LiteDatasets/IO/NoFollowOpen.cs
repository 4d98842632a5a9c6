using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LiteDatasets.IO;

/// <summary>
/// Opens an existing file with <c>O_NOFOLLOW</c>: a symbolic link at the name is refused by the kernel itself,
/// so no link can be swapped in between a check and the open. .NET has no such option, so this calls
/// <c>open(2)</c> on Linux and macOS, where the flag's value is known for each architecture.
/// </summary>
internal static partial class NoFollowOpen
{
    private const int ReadOnlyAccess = 0;
    private const int ReadWriteAccess = 2;
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    /// <summary>Gets whether the kernel can refuse links here (Linux and macOS).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>
    /// Opens the file at <paramref name="path"/>, never through a link at its last component, and locks it the
    /// way .NET locks a <see cref="FileStream"/> opened with <paramref name="share"/> (an exclusive or shared
    /// <c>flock</c>), so that the handle behaves as one .NET opened.
    /// </summary>
    /// <returns>The handle, or <see langword="null"/> when no file (and no link) has that name.</returns>
    /// <exception cref="IOException">The name is a link (<see cref="IsLinkError"/>), or the open or the lock failed.</exception>
    public static FileStream? Open(string path, FileAccess access, FileShare share)
    {
        var flags = (access == FileAccess.Read ? ReadOnlyAccess : ReadWriteAccess) | NoFollow | CloseOnExec;
        var descriptor = OpenFile(path, flags);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NoSuchFile ? null : throw Failure(path, error);
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (Lock(handle, (share == FileShare.None ? LockExclusive : LockShared) | LockNonBlocking) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw Failure(path, error);
        }

        return new FileStream(handle, access, bufferSize: 0);
    }

    /// <summary>Whether an <see cref="IOException"/> from <see cref="Open"/> says the name is a symbolic link.</summary>
    public static bool IsLinkError(IOException ex) => ex.HResult == LinkLoop;

    private static IOException Failure(string path, int error) =>
        new($"Opening '{path}' failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}).", error);

    /// <summary>Gets <c>O_NOFOLLOW</c>: one value on macOS, and on Linux one for ARM and POWER, another elsewhere.</summary>
    private static int NoFollow => OperatingSystem.IsMacOS()
        ? 0x100
        : RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le ? 0x8000 : 0x20000;

    private static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    private static int NoSuchFile => 2;

    /// <summary>Gets <c>ELOOP</c>, which <c>O_NOFOLLOW</c> returns for a link.</summary>
    private static int LinkLoop => OperatingSystem.IsMacOS() ? 62 : 40;

    // open(2) is variadic; with no O_CREAT it reads no third argument, so this two-argument form is safe on
    // every calling convention.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Lock(SafeFileHandle handle, int operation);
}
