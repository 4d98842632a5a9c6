namespace LiteDatasets.Tests;

/// <summary>
/// Gate for the suites that mount file systems (a small tmpfs to fill, a bind mount for a second path to a file):
/// they need Linux and root. Elsewhere they are skipped with the reason, except where
/// <c>LITEDATASETS_REQUIRE_ROOT_SUITES=1</c> is set (the CI script sets it), which turns a skip into a failure so
/// that these suites cannot silently stop running.
/// </summary>
public static class RootSuite
{
    /// <summary>The variable that makes a missing privilege a failure instead of a skip.</summary>
    public const string RequireVariable = "LITEDATASETS_REQUIRE_ROOT_SUITES";

    /// <summary>Skips (or fails) the current test unless it runs as root on Linux.</summary>
    public static void Require()
    {
        if (OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess)
        {
            return;
        }

        Skip("this test mounts file systems, which needs root on Linux");
    }

    /// <summary>Skips the current test with <paramref name="reason"/>, or fails it when the suites are required.</summary>
    public static void Skip(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1, but {reason}.");
        }

        Assert.Ignore(reason + ".");
    }
}
