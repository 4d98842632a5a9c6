namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The exit codes of the tool (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: a store error, a bad file, a missing dataset, an invalid value.</summary>
    public const int Error = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing argument.</summary>
    public const int Usage = 2;

    /// <summary>
    /// A check the command makes failed: <c>verify</c> found problems in the store, or a gate of <c>experiments compare</c>
    /// tripped (a regression, an error rate or a pass rate past its limit).
    /// </summary>
    public const int CheckFailed = 3;

    /// <summary>A dataset's histories in two stores have parted (<see cref="ErrorCode.Diverged"/>): nothing was copied.</summary>
    public const int Diverged = 4;

    /// <summary>The command was interrupted (Ctrl-C) and stopped; what it was writing was not kept (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
