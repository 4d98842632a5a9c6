using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LiteDatasets.Tests;

/// <summary>
/// Copies files that an open store holds locked, the way an outside copy tool (or a crash) would see them.
/// The store's lock is an advisory lock: .NET's own file APIs honour it even for readers, but a plain
/// <c>open(2)</c> does not, which is exactly how <c>cp</c> copies a live file.
/// </summary>
public static class UnlockedFile
{
    private const int ReadOnlyFlag = 0;

    /// <summary>Reads all bytes of <paramref name="path"/> now, whoever holds it open.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            using var shared = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = new byte[shared.Length];
            shared.ReadExactly(bytes);
            return bytes;
        }
        catch (IOException) when (!OperatingSystem.IsWindows())
        {
            return ReadIgnoringAdvisoryLock(path);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (replacing it) while the source is held open.</summary>
    public static void Copy(string source, string target) => File.WriteAllBytes(target, ReadAllBytes(source));

    private static byte[] ReadIgnoringAdvisoryLock(string path)
    {
        var descriptor = NativeMethods.open(path, ReadOnlyFlag);
        if (descriptor < 0)
        {
            throw new IOException($"open({path}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        using var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
        var bytes = new byte[RandomAccess.GetLength(handle)];
        var done = 0;
        while (done < bytes.Length)
        {
            var read = RandomAccess.Read(handle, bytes.AsSpan(done), done);
            if (read == 0)
            {
                Array.Resize(ref bytes, done);
                break;
            }

            done += read;
        }

        return bytes;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable CA2101, SYSLIB1054 // A plain libc call: UTF-8 path, no marshalling beyond that.
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101, SYSLIB1054
    }
}
