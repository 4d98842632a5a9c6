using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiteDatasets.TestServer;

/// <summary>
/// A PostgreSQL server of its own for one test run or one benchmark: a fresh cluster in a temporary directory,
/// listening on a free port of 127.0.0.1 only, with trust authentication and no fsync (nothing in it has to survive
/// the machine). Nothing about the machine's own PostgreSQL, if it runs one, is used or touched, so the tests need
/// no setup, no password and no clean-up of earlier runs. <see cref="Dispose"/> stops the server and deletes the
/// directory; a server still running when the process exits is stopped then.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. A test run as root on Linux (a container, CI) therefore runs <c>initdb</c>
/// and <c>pg_ctl</c> as the <c>postgres</c> user the server packages create, through <c>runuser</c>, in a
/// directory under <c>/tmp</c> handed to that user.
/// </remarks>
public sealed partial class PostgresServer : IDisposable
{
    /// <summary>The system user a server started as root runs as, and the superuser the cluster is made with.</summary>
    private const string ServiceUser = "postgres";

    /// <summary>How many free ports to try: another process can take the one picked before the server binds it.</summary>
    private const int PortAttempts = 5;

    /// <summary>How many lines of the server log a failure message carries.</summary>
    private const int LogTailLines = 30;

    /// <summary>How long <c>pg_ctl</c> waits for the server to start or stop, in seconds.</summary>
    private const string PgCtlWaitSeconds = "60";

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly bool _asServiceUser;
    private int _disposed;

    private PostgresServer(PostgresBinaries binaries, string root, bool asServiceUser)
    {
        _binaries = binaries;
        _root = root;
        _asServiceUser = asServiceUser;
    }

    /// <summary>Gets the address the server listens on: the loopback address only, never the network.</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>Gets the TCP port the server listens on; it stays the same across <see cref="Restart"/>.</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Gets the connection string in Npgsql's keyword form, for the superuser <c>postgres</c> and the database
    /// <c>postgres</c>; no password, since the cluster trusts every local connection.
    /// </summary>
    public string ConnectionString =>
        $"Host={Host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username={ServiceUser};Database=postgres";

    /// <summary>Gets the cluster's data directory (<c>initdb -D</c>); it survives <see cref="Restart"/>.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Gets the server log <c>pg_ctl -l</c> writes, kept beside the data directory.</summary>
    public string LogFile => Path.Combine(_root, "log");

    /// <summary>
    /// Gets the process id of the postmaster (the first line of <c>postmaster.pid</c>), read when the server started
    /// or restarted: a test that kills it (the way a crash would) finds it here.
    /// </summary>
    public int PostmasterPid { get; private set; }

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    /// <summary>
    /// Makes a fresh cluster in a new temporary directory and starts a server on it, on a free port, waiting until
    /// it accepts connections. Takes a second or two.
    /// </summary>
    /// <exception cref="PostgresUnavailableException">
    /// PostgreSQL is not installed (see <see cref="PostgresBinaries.Locate"/>), or the cluster could not be made or the
    /// server did not start; the message says why and ends with the last lines of the server log.
    /// </exception>
    public static PostgresServer Start()
    {
        var binaries = PostgresBinaries.Locate(out var reason)
            ?? throw new PostgresUnavailableException($"PostgreSQL is not installed: {reason}.");
        var asServiceUser = OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;
        var server = new PostgresServer(binaries, CreateRoot(asServiceUser), asServiceUser);
        try
        {
            server.InitializeCluster();
            server.StartOnFreePort();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        // pg_ctl detaches the postmaster, which then outlives this process: nothing else would stop it when a test
        // run ends without disposing the server.
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        return server;
    }

    /// <summary>
    /// Stops the server at once, the way a crash would (<c>pg_ctl stop -m immediate</c>: open connections are cut
    /// and the next start recovers from the write-ahead log), then starts it again on the same port and the same
    /// data directory. Tests of dropped connections and of recovery use it; a server whose postmaster a test killed
    /// is restarted too (what is left of it is killed first).
    /// </summary>
    /// <exception cref="PostgresUnavailableException">The server did not start again.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed.</exception>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        StopOrKill();
        var logLength = LogLength();
        var start = StartServer(Port);
        if (!start.Succeeded)
        {
            throw Failure($"The PostgreSQL server did not start again on port {Port}", start, LogTail(logLength));
        }

        PostmasterPid = ReadPostmasterPid();
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m immediate</c>; the postmaster is killed when that fails, for instance
    /// after a test killed it and left a stale <c>postmaster.pid</c>) and deletes its directory. Never throws: what
    /// cannot be removed is left to the system's temporary-file cleaner.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        StopOrKill();
        DeleteRoot();
    }

    /// <inheritdoc/>
    public override string ToString() => $"PostgreSQL on {Host}:{Port} ({DataDirectory})";

    /// <summary>
    /// A new, private directory for the cluster, its log and its Unix socket. The name is short because the socket's
    /// path (this directory plus <c>/.s.PGSQL.PORT</c>) must fit in about 100 bytes. As root it goes under
    /// <c>/tmp</c> rather than <c>TMPDIR</c>, which often lies under <c>/root</c> where the postgres user cannot go.
    /// </summary>
    private static string CreateRoot(bool asServiceUser)
    {
        var parent = asServiceUser ? "/tmp" : Path.GetTempPath();
        var root = Path.Combine(parent, "litedatasets-pg-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(root);
            }
            else
            {
                Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PostgresUnavailableException($"The directory for a PostgreSQL server cannot be made: {e.Message}", e);
        }

        return root;
    }

    /// <summary>
    /// A port of 127.0.0.1 free right now: the system picks it for a listener that is closed at once. Another process
    /// may take it before the server binds it, hence the retries in <see cref="StartOnFreePort"/>.
    /// </summary>
    private static int FreePort()
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException e)
        {
            throw new PostgresUnavailableException($"No free TCP port on 127.0.0.1 for a PostgreSQL server: {e.Message}", e);
        }
    }

    /// <summary>Whether the server log says the port was taken, which a start on another port can fix.</summary>
    private static bool PortWasTaken(string log) =>
        log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);

    private static PostgresUnavailableException Failure(string what, ChildProcess.Result result, string log) =>
        new($"{what}.\n{result}" + (log.Length > 0 ? $"\nServer log, last lines:\n{log}" : string.Empty));

    /// <summary>
    /// Quotes a path inside <c>pg_ctl -o</c>: pg_ctl hands that string to the shell (<c>/bin/sh -c</c>, or
    /// <c>cmd</c> on Windows) that starts the server.
    /// </summary>
    private static string ShellQuote(string text) =>
        OperatingSystem.IsWindows() ? $"\"{text}\"" : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void InitializeCluster()
    {
        if (_asServiceUser)
        {
            var chown = ChildProcess.Run("chown", ["-R", ServiceUser, _root]);
            if (!chown.Succeeded)
            {
                throw Failure($"The directory for a PostgreSQL server cannot be handed to the {ServiceUser} user", chown, string.Empty);
            }
        }

        // --no-sync: nothing here has to survive a power cut, so waiting for the new cluster to reach the disk is waste.
        var initdb = RunTool(
            _binaries.InitDb,
            ["--no-sync", "-A", "trust", "-U", ServiceUser, "-E", "UTF8", "--locale=C", "-D", DataDirectory]);
        if (!initdb.Succeeded)
        {
            throw Failure("initdb could not make a PostgreSQL cluster", initdb, string.Empty);
        }
    }

    private void StartOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var logLength = LogLength();
            var start = StartServer(port);
            if (start.Succeeded)
            {
                Port = port;
                PostmasterPid = ReadPostmasterPid();
                return;
            }

            var log = LogTail(logLength);
            if (attempt >= PortAttempts || !PortWasTaken(log))
            {
                throw Failure($"The PostgreSQL server did not start on port {port}", start, log);
            }
        }
    }

    /// <summary>
    /// Starts the server with <c>pg_ctl start -w</c>, which returns once the server accepts connections. The
    /// settings are command-line options, so the cluster's own configuration files stay as initdb wrote them.
    /// </summary>
    private ChildProcess.Result StartServer(int port)
    {
        var options = string.Join(
            ' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {ShellQuote(_root)}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c max_connections=200");
        return RunTool(
            _binaries.PgCtl,
            ["-w", "-t", PgCtlWaitSeconds, "-D", DataDirectory, "-l", LogFile, "-p", _binaries.Postgres, "start", "-o", options]);
    }

    private ChildProcess.Result Stop() =>
        RunTool(_binaries.PgCtl, ["-w", "-t", PgCtlWaitSeconds, "-D", DataDirectory, "stop", "-m", "immediate"]);

    /// <summary>
    /// Runs a PostgreSQL program in the server's directory: directly, or as the postgres user when running as root.
    /// The working directory matters as root: initdb and postgres fail when they cannot read their current directory.
    /// </summary>
    private ChildProcess.Result RunTool(string program, string[] arguments) =>
        _asServiceUser
            ? ChildProcess.Run("runuser", ["-u", ServiceUser, "--", program, .. arguments], _root)
            : ChildProcess.Run(program, arguments, _root);

    private int ReadPostmasterPid()
    {
        var pid = TryReadPostmasterPid();
        return pid > 0
            ? pid
            : throw new PostgresUnavailableException($"The PostgreSQL server started, but {PidFile} names no process.");
    }

    /// <summary>The first line of <c>postmaster.pid</c>, or 0 when the file is missing or unreadable.</summary>
    private int TryReadPostmasterPid()
    {
        try
        {
            using var reader = new StreamReader(PidFile);
            return int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private long LogLength()
    {
        try
        {
            return File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The last lines the server logged after <paramref name="from"/> bytes, for a failure message.</summary>
    private string LogTail(long from)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().TrimEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(LogTailLines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private void DeleteRoot()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                if (Directory.Exists(_root))
                {
                    Directory.Delete(_root, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A server process that has not quite exited may still be writing; give it a moment.
                Thread.Sleep(200);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
