using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using LiteDatasets.TestServer;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary>
/// The private PostgreSQL server the engine's tests run against really runs: it takes connections on its port,
/// comes back on the same port with the same data after a restart, and leaves nothing behind once disposed — no
/// listening port, no directory, no process, even after its postmaster was killed. No database driver here: a TCP
/// connection that the server accepts is proof enough that it listens.
/// </summary>
[TestFixture]
public sealed class PostgresServerTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Server_AcceptsConnectionsOnItsPort()
    {
        var server = PostgresSuite.Server;

        Assert.Multiple(() =>
        {
            Assert.That(server.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(server.ConnectionString, Is.EqualTo($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres"));
            Assert.That(IsRunning(server.PostmasterPid), Is.True, "The postmaster named in postmaster.pid runs.");
        });
        Assert.That(await AcceptsAsync(server.Host, server.Port), Is.True);
    }

    [Test]
    public async Task Restart_KeepsThePortAndTheDataDirectory()
    {
        using var server = PostgresSuite.StartOwnServer();
        var port = server.Port;
        var postmaster = server.PostmasterPid;
        var marker = Path.Combine(server.DataDirectory, "litedatasets-marker");
        await File.WriteAllTextAsync(marker, "kept");

        server.Restart();

        Assert.Multiple(() =>
        {
            Assert.That(server.Port, Is.EqualTo(port));
            Assert.That(File.Exists(marker), Is.True, "The data directory survives a restart.");
            Assert.That(server.PostmasterPid, Is.Not.EqualTo(postmaster), "A new postmaster runs.");
            Assert.That(IsRunning(postmaster), Is.False, "The old postmaster is gone.");
        });
        Assert.That(await AcceptsAsync(server.Host, server.Port), Is.True);
    }

    [Test]
    public async Task Restart_AfterThePostmasterWasKilled_StartsAgain()
    {
        using var server = PostgresSuite.StartOwnServer();
        KillPostmaster(server);

        server.Restart();

        Assert.That(await AcceptsAsync(server.Host, server.Port), Is.True);
    }

    [Test]
    public async Task Dispose_StopsTheServerAndDeletesItsDirectory()
    {
        using var server = PostgresSuite.StartOwnServer();
        var directory = Path.GetDirectoryName(server.DataDirectory)!;
        Assert.That(await AcceptsAsync(server.Host, server.Port), Is.True);

        server.Dispose();
        server.Dispose();
        var accepts = await AcceptsAsync(server.Host, server.Port);

        Assert.Multiple(() =>
        {
            Assert.That(accepts, Is.False, "Nothing listens on the port any more.");
            Assert.That(Directory.Exists(directory), Is.False);
            Assert.That(IsRunning(server.PostmasterPid), Is.False);
            Assert.That(ProcessesWorkingIn(directory), Is.Empty, "No server process is left.");
        });
    }

    [Test]
    public async Task Dispose_AfterThePostmasterWasKilled_LeavesNothingBehind()
    {
        using var server = PostgresSuite.StartOwnServer();
        var directory = Path.GetDirectoryName(server.DataDirectory)!;
        KillPostmaster(server);
        Assert.That(File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")), Is.True, "The killed server leaves a stale postmaster.pid.");

        server.Dispose();
        var accepts = await AcceptsAsync(server.Host, server.Port);

        Assert.Multiple(() =>
        {
            Assert.That(accepts, Is.False, "Nothing listens on the port any more.");
            Assert.That(Directory.Exists(directory), Is.False);
            Assert.That(ProcessesWorkingIn(directory), Is.Empty, "No server process is left.");
        });
    }

    [Test]
    public void NewSchema_IsAFreshLowerCaseIdentifier()
    {
        var first = PostgresSuite.NewSchema();
        var second = PostgresSuite.NewSchema();

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match("^t_[0-9a-f]{32}$"));
            Assert.That(second, Does.Match("^t_[0-9a-f]{32}$"));
            Assert.That(second, Is.Not.EqualTo(first));
        });
    }

    /// <summary>
    /// Kills the postmaster alone (SIGKILL on Unix), the way a crash ends it: its postmaster.pid stays behind and its
    /// children linger until they notice.
    /// </summary>
    private static void KillPostmaster(PostgresServer server)
    {
        using var postmaster = Process.GetProcessById(server.PostmasterPid);
        postmaster.Kill(entireProcessTree: false);
        Assert.That(postmaster.WaitForExit(ConnectTimeout), Is.True, "The postmaster exits when killed.");
    }

    /// <summary>Whether a TCP connection to <paramref name="host"/>:<paramref name="port"/> is accepted.</summary>
    private static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return client.Connected;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> runs. An exited postmaster is reparented to init and can stay a zombie
    /// for a while where init is slow to reap it; a zombie does not count.
    /// </summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        try
        {
            // /proc/PID/stat: "PID (NAME) STATE ..."; the name may hold spaces and parentheses, the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 1)..].TrimStart()[0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The processes working in <paramref name="directory"/> or below it — where every server process works (the
    /// postmaster changes into its data directory). Read from <c>/proc</c>, so always empty off Linux.
    /// </summary>
    private static List<int> ProcessesWorkingIn(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var cwd = new FileInfo(Path.Combine(entry, "cwd")).LinkTarget;
                if (cwd is not null && cwd.StartsWith(directory, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process.
            }
        }

        return found;
    }
}
