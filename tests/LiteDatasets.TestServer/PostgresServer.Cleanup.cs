using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace LiteDatasets.TestServer;

/// <summary>Stopping the server for good: a stop that fails falls back to killing its processes, identified by their data directory.</summary>
public sealed partial class PostgresServer
{
    private void StopOrKill()
    {
        // pg_ctl only when the postmaster.pid names this server's postmaster: with a stale file (a killed server)
        // pg_ctl would signal whatever process has that id now, and wait its full time-out on a postmaster that died
        // but was not yet reaped.
        var pid = TryReadPostmasterPid();
        if (pid != 0 && IsThisPostmaster(pid))
        {
            try
            {
                if (Stop().Succeeded)
                {
                    return;
                }
            }
            catch (PostgresUnavailableException)
            {
                // pg_ctl hung or could not run; kill the server instead.
            }
        }

        // pg_ctl could not stop it, or there is no postmaster.pid (never started, or a start that failed half-way):
        // kill whatever of this server still runs. After a killed postmaster that includes its children, which
        // only notice their parent's death at their next wait.
        KillPostmaster(pid != 0 ? pid : PostmasterPid);
        KillProcessesInDataDirectory();
        DeleteStalePidFile();
    }

    /// <summary>
    /// Deletes the <c>postmaster.pid</c> of a server that no longer runs. A new postmaster ignores a stale one only when
    /// no process has the id it names; a dead postmaster not yet reaped (init can be slow to, in a container) still
    /// has it, and <see cref="Restart"/> would then fail with "lock file already exists".
    /// </summary>
    private void DeleteStalePidFile()
    {
        try
        {
            File.Delete(PidFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The start that follows, if any, reports it.
        }
    }

    /// <summary>
    /// Kills the postmaster <paramref name="pid"/> with its children, if that process is still this server's: a
    /// stale <c>postmaster.pid</c> may name a process id the system has since given to someone else.
    /// </summary>
    private void KillPostmaster(int pid)
    {
        if (pid <= 0 || !IsThisPostmaster(pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // No such process: the postmaster is already gone.
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException or AggregateException)
        {
            // It exited meanwhile, or cannot be killed from here; nothing more to do.
        }
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> is this server's postmaster, alive. On Linux its command line names
    /// this data directory (pg_ctl starts it with <c>-D</c>), which a process that reused the id does not, and a
    /// dead one not yet reaped has no command line at all. Elsewhere the process name is the best there is.
    /// </summary>
    private bool IsThisPostmaster(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited && process.ProcessName.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
            {
                return false;
            }
        }

        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return commandLine.Split('\0').Contains(DataDirectory, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Kills, on Linux, every process whose working directory is this server's data directory: every server process
    /// works there (the postmaster changes into it and its children inherit it), and no one else has a reason to.
    /// </summary>
    private void KillProcessesInDataDirectory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var pid in ProcessesWorkingIn(DataDirectory))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException or AggregateException)
            {
                // Exited meanwhile, or cannot be killed from here.
            }
        }
    }

    /// <summary>The ids of the processes whose working directory is <paramref name="directory"/> or below it (Linux).</summary>
    private static List<int> ProcessesWorkingIn(string directory)
    {
        var found = new List<int>();
        try
        {
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    var cwd = new FileInfo(Path.Combine(entry, "cwd")).LinkTarget;
                    if (cwd is not null
                        && (cwd == directory || cwd.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or another user's process.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc to read.
        }

        return found;
    }
}
