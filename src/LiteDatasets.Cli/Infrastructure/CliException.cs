namespace LiteDatasets.Cli.Infrastructure;

/// <summary>A user error the tool reports in one line (a missing file, an option value that makes no sense).</summary>
/// <param name="code">A stable name for scripts, such as <c>FileNotFound</c>.</param>
/// <param name="message">A whole sentence that says what to do.</param>
/// <param name="line">The line of an input file the error is about, if any (reported as <c>line</c> with <c>--json</c>).</param>
internal sealed class CliException(string code, string message, long? line = null) : Exception(message)
{
    /// <summary>Gets the stable name of the error.</summary>
    public string Code { get; } = code;

    /// <summary>Gets the line of an input file the error is about, or null.</summary>
    public long? Line { get; } = line;

    /// <summary>A missing store file: the hint says how to make one.</summary>
    public static CliException FileNotFound(string path) =>
        new("FileNotFound", $"The file '{path}' does not exist. Check the path, or create the store with 'litedatasets create'.");

    /// <summary>A missing file to read (an import source, a schema).</summary>
    public static CliException InputNotFound(string path) =>
        new("FileNotFound", $"The file '{path}' does not exist. Check the path.");

    /// <summary>A file a command would replace, which only <c>--force</c> replaces.</summary>
    public static CliException FileExists(string path) =>
        new("FileExists", $"The file '{path}' already exists. Add --force to replace it, or choose another name.");

    public static CliException Invalid(string message) => new("InvalidArgument", message);

    /// <summary>A mistake in the command line itself, reported with exit code 2 like the parser's own.</summary>
    public static CliException Usage(string message) => new(UsageCode, message);

    /// <summary>
    /// A command stopped by Ctrl-C after some of its work was committed, reported with exit code 130 like any
    /// interruption, but saying what was kept.
    /// </summary>
    public static CliException Interrupted(string message) => new(InterruptedCode, message);

    /// <summary>The code of <see cref="Usage"/>.</summary>
    public const string UsageCode = "Usage";

    /// <summary>The code of <see cref="Interrupted"/>: the one an interrupted command reports.</summary>
    public const string InterruptedCode = "Cancelled";
}
