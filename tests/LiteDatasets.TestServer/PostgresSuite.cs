using System.Diagnostics.CodeAnalysis;
using LiteDatasets.TestServer;
using NUnit.Framework;

// In the namespace of the library's tests, which use it without an import; other test projects import it.
namespace LiteDatasets.Tests;

/// <summary>
/// The PostgreSQL server of the test run: one private server (<see cref="PostgresServer"/>), started on first use
/// and shared by every test of a test project, stopped by that project's <c>[SetUpFixture]</c> (<see cref="Stop"/>)
/// once all have run. Each test keeps to a schema of its own (<see cref="NewSchema"/>) instead of paying a second
/// or two for a server of its own. Where PostgreSQL is not installed the tests that need it are skipped with the
/// reason, except where <c>LITEDATASETS_REQUIRE_POSTGRES=1</c> is set (the CI script sets it), which turns a skip
/// into a failure so that these tests cannot silently stop running.
/// </summary>
public static class PostgresSuite
{
    /// <summary>The variable that makes a missing PostgreSQL a failure instead of a skip.</summary>
    public const string RequireVariable = "LITEDATASETS_REQUIRE_POSTGRES";

    private static readonly Lock Gate = new();
    private static PostgresServer? _server;

    /// <summary>Why the server is not there; set once, so that a server that cannot start is not tried for every test.</summary>
    private static string? _failure;

    /// <summary>
    /// Gets the shared server, starting it on first use; skips (or fails) the current test when it cannot start.
    /// </summary>
    public static PostgresServer Server
    {
        get
        {
            PostgresServer? server;
            string? failure;
            lock (Gate)
            {
                if (_server is null && _failure is null)
                {
                    try
                    {
                        _server = PostgresServer.Start();
                    }
                    catch (PostgresUnavailableException e)
                    {
                        _failure = e.Message;
                    }
                }

                (server, failure) = (_server, _failure);
            }

            if (server is null)
            {
                Skip(failure ?? "the PostgreSQL server did not start");
            }

            return server;
        }
    }

    /// <summary>
    /// Starts a server of the test's own, for a test that stops, restarts or kills it and so must not share it;
    /// skips (or fails) the test when it cannot start. The test disposes it.
    /// </summary>
    public static PostgresServer StartOwnServer()
    {
        PostgresServer? server = null;
        try
        {
            server = PostgresServer.Start();
        }
        catch (PostgresUnavailableException e)
        {
            Skip(e.Message);
        }

        return server;
    }

    /// <summary>Returns a new schema name, unique and lower case (<c>t_</c> and 32 hexadecimal digits), for one store of one test.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    /// <summary>Skips the current test with <paramref name="reason"/>, or fails it when PostgreSQL is required.</summary>
    [DoesNotReturn]
    public static void Skip(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1, but there is no PostgreSQL server to test against: {reason}");
        }

        Assert.Ignore(reason);
    }

    /// <summary>Stops the shared server, if it was started; a later use skips (or fails) instead of starting another.</summary>
    public static void Stop()
    {
        PostgresServer? server;
        lock (Gate)
        {
            (server, _server) = (_server, null);
            _failure ??= "the PostgreSQL server of this test run was stopped after the last test";
        }

        server?.Dispose();
    }
}
