using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// A lock on one byte of a file, held through one open handle, that excludes every other handle of the same
/// file — in this process or another, whatever path or link it was opened through, because the operating system
/// keys it by the file itself. The byte lies far beyond any data, so the lock never stands in the way of reads
/// or writes.
/// </summary>
/// <remarks>
/// On Linux this is an open-file-description lock (<c>F_OFD_SETLK</c>): unlike the classic POSIX locks behind
/// <see cref="FileStream.Lock"/> there, it excludes other handles of the same process too, and closing another
/// handle of the file does not release it. On Windows <see cref="FileStream.Lock"/> is such a lock already
/// (always exclusive). Other systems have neither, so <see cref="IsSupported"/> is false there.
/// </remarks>
internal static partial class RangeLock
{
    private const int OfdSetLock = 37;
    private const short ReadLock = 0;
    private const short WriteLock = 1;
    private const short Unlocked = 2;
    private const int Again = 11;
    private const int AccessDenied = 13;

    /// <summary>Gets whether this system has such locks.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsWindows();

    /// <summary>Tries once to lock byte <paramref name="offset"/> of <paramref name="file"/>; a read lock shares with other read locks.</summary>
    /// <returns>Whether the lock is now held.</returns>
    public static bool TryLock(FileStream file, long offset, bool exclusive)
    {
        if (OperatingSystem.IsLinux())
        {
            return Fcntl(file.SafeFileHandle, exclusive ? WriteLock : ReadLock, offset);
        }

        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Byte-range locks that exclude other handles are available on Linux and Windows only.");
        }

        try
        {
            file.Lock(offset, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Releases a lock taken by <see cref="TryLock"/>.</summary>
    public static void Unlock(FileStream file, long offset)
    {
        if (OperatingSystem.IsLinux())
        {
            Fcntl(file.SafeFileHandle, Unlocked, offset);
        }
        else if (OperatingSystem.IsWindows())
        {
            file.Unlock(offset, 1);
        }
    }

    private static bool Fcntl(SafeFileHandle handle, short type, long offset)
    {
        var request = new FileLockRequest { Type = type, Whence = 0, Start = offset, Length = 1 };
        if (SetLock(handle, OfdSetLock, ref request) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error is Again or AccessDenied
            ? false
            : throw new IOException($"Locking the store file failed (errno {error}).", error);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int SetLock(SafeFileHandle handle, int command, ref FileLockRequest request);

    /// <summary>Linux's <c>struct flock</c> on 64-bit platforms.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLockRequest
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }
}
