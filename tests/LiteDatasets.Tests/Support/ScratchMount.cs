using System.Diagnostics;

namespace LiteDatasets.Tests;

/// <summary>
/// A file system of one test's own, mounted under its scratch directory and unmounted afterwards: a small tmpfs
/// (whose space a test can use up and give back, or that it can mount again read-only) or a bind mount (a second
/// path to a directory). Needs root; call
/// <see cref="RootSuite.Require"/> first.
/// </summary>
public sealed class ScratchMount : IDisposable
{
    private const string FillerName = ".filler";

    private ScratchMount(string path) => Path = path;

    /// <summary>Gets the mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> at a new directory <paramref name="mountPoint"/>.</summary>
    public static ScratchMount Tmpfs(string mountPoint, long bytes)
    {
        Directory.CreateDirectory(mountPoint);
        Run("mount", "-t", "tmpfs", "-o", $"size={bytes / 1024}k,mode=0700", "tmpfs", mountPoint);
        return new ScratchMount(mountPoint);
    }

    /// <summary>Mounts <paramref name="source"/> a second time at a new directory <paramref name="mountPoint"/>.</summary>
    public static ScratchMount Bind(string source, string mountPoint)
    {
        Directory.CreateDirectory(mountPoint);
        Run("mount", "--bind", source, mountPoint);
        return new ScratchMount(mountPoint);
    }

    /// <summary>Mounts the file system again, read-only: every open for writing on it then fails with EROFS.</summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Gets a path on the mount.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Uses up all free space (but <paramref name="leave"/> bytes) with a filler file.</summary>
    public void Fill(long leave = 0)
    {
        var buffer = new byte[64 * 1024];
        using var filler = new FileStream(File(FillerName), FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in new[] { buffer.Length, 4096 })
        {
            try
            {
                while (true)
                {
                    filler.Write(buffer, 0, chunk);
                }
            }
            catch (IOException)
            {
                // This chunk size no longer fits.
            }
        }

        if (leave > 0)
        {
            filler.SetLength(Math.Max(0, filler.Length - leave));
        }
    }

    /// <summary>Gives back the space the filler took.</summary>
    public void Free() => System.IO.File.Delete(File(FillerName));

    public void Dispose() => Run(static (_, _) => { }, "umount", "-l", Path);

    private static void Run(string command, params string[] arguments) =>
        Run((what, error) => RootSuite.Skip($"'{what}' failed ({error})"), command, arguments);

    private static void Run(Action<string, string> onFailure, string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            onFailure($"{command} {string.Join(' ', arguments)}", error.Trim());
        }
    }
}
