namespace LiteDatasets.TestServer;

/// <summary>
/// The PostgreSQL programs a private server needs: <c>initdb</c> to make a cluster, <c>pg_ctl</c> to start and stop
/// it and <c>postgres</c>, the server itself. They are looked for where an installation puts them — on
/// <c>PATH</c>, then in the directory <c>pg_config --bindir</c> prints (Debian and Ubuntu keep them off
/// <c>PATH</c>, in <c>/usr/lib/postgresql/N/bin</c>). Nothing is ever installed: a machine without PostgreSQL gets
/// a reason to skip, not a download.
/// </summary>
public sealed class PostgresBinaries
{
    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];

    private PostgresBinaries(string directory)
    {
        Directory = directory;
        InitDb = Path.Combine(directory, Executable("initdb"));
        PgCtl = Path.Combine(directory, Executable("pg_ctl"));
        Postgres = Path.Combine(directory, Executable("postgres"));
    }

    /// <summary>Gets the directory the three programs were found in.</summary>
    public string Directory { get; }

    /// <summary>Gets the path of <c>initdb</c>.</summary>
    public string InitDb { get; }

    /// <summary>Gets the path of <c>pg_ctl</c>.</summary>
    public string PgCtl { get; }

    /// <summary>Gets the path of <c>postgres</c>.</summary>
    public string Postgres { get; }

    /// <summary>
    /// Finds the programs, all three in one directory so that they come from one installation (an
    /// <c>initdb</c> of one major version makes clusters the <c>postgres</c> of another refuses). Returns null, with
    /// <paramref name="reason"/> saying where they were looked for, when no directory has all three.
    /// </summary>
    public static PostgresBinaries? Locate(out string reason)
    {
        foreach (var directory in SearchPath())
        {
            if (HasAll(directory))
            {
                reason = string.Empty;
                return new PostgresBinaries(directory);
            }
        }

        var (bindir, failure) = PgConfigBindir();
        if (bindir is not null && HasAll(bindir))
        {
            reason = string.Empty;
            return new PostgresBinaries(bindir);
        }

        reason = "the PostgreSQL server programs (initdb, pg_ctl, postgres) are not on PATH"
            + (bindir is not null ? $" nor in {bindir}, the directory pg_config --bindir prints" : $", and {failure}");
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Directory;

    private static IEnumerable<string> SearchPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Path.IsPathFullyQualified);

    private static bool HasAll(string directory) =>
        Programs.All(name => File.Exists(Path.Combine(directory, Executable(name))));

    /// <summary>The directory <c>pg_config --bindir</c> prints, or null with the reason it printed none.</summary>
    private static (string? Bindir, string Failure) PgConfigBindir()
    {
        var pgConfig = SearchPath().Select(d => Path.Combine(d, Executable("pg_config"))).FirstOrDefault(File.Exists);
        if (pgConfig is null)
        {
            return (null, "pg_config is not on PATH either");
        }

        try
        {
            var result = ChildProcess.Run(pgConfig, ["--bindir"]);
            var bindir = result.StandardOutput.Trim();
            return result.Succeeded && Path.IsPathFullyQualified(bindir) ? (bindir, string.Empty) : (null, result.ToString());
        }
        catch (PostgresUnavailableException e)
        {
            return (null, e.Message);
        }
    }

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;
}
