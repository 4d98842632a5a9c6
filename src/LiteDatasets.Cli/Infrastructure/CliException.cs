namespace LiteDatasets.Cli.Infrastructure;

/// <summary>A user error the tool reports in one line (a missing file, an option value that makes no sense).</summary>
/// <param name="code">A stable name for scripts, such as <c>FileNotFound</c>.</param>
/// <param name="message">A whole sentence that says what to do.</param>
internal sealed class CliException(string code, string message) : Exception(message)
{
    /// <summary>Gets the stable name of the error.</summary>
    public string Code { get; } = code;

    /// <summary>A missing store file: the hint says how to make one.</summary>
    public static CliException FileNotFound(string path) =>
        new("FileNotFound", $"The file '{path}' does not exist. Check the path, or create the store with 'litedatasets create'.");

    /// <summary>A missing file to read (an import source, a schema).</summary>
    public static CliException InputNotFound(string path) =>
        new("FileNotFound", $"The file '{path}' does not exist. Check the path.");

    public static CliException Invalid(string message) => new("InvalidArgument", message);

    /// <summary>A mistake in the command line itself, reported with exit code 2 like the parser's own.</summary>
    public static CliException Usage(string message) => new(UsageCode, message);

    /// <summary>The code of <see cref="Usage"/>.</summary>
    public const string UsageCode = "Usage";
}
