namespace LiteDatasets;

/// <summary>
/// Thrown with <see cref="ErrorCode.ImportFormat"/> when an import source is malformed: a line that is not
/// JSON, a record that lacks a field, two records with one key, bytes that are not UTF-8, an empty file.
/// Nothing was written.
/// </summary>
public sealed class ImportFormatException : LiteDatasetsException
{
    internal ImportFormatException(string source, long lineNumber, string reason, long? otherLineNumber = null, Exception? innerException = null)
        : base(ErrorCode.ImportFormat, Describe(source, lineNumber, reason), innerException)
    {
        SourceName = source;
        LineNumber = lineNumber;
        Reason = reason;
        OtherLineNumber = otherLineNumber;
    }

    /// <summary>Gets the name of the source (a file name).</summary>
    public string SourceName { get; }

    /// <summary>Gets the 1-based line where the bad record starts, or 0 when the problem is the file as a whole (an empty file).</summary>
    public long LineNumber { get; }

    /// <summary>Gets the earlier line involved, for a key repeated in the file; otherwise <see langword="null"/>.</summary>
    public long? OtherLineNumber { get; }

    /// <summary>Gets what is wrong with the record, in a sentence without the line number.</summary>
    public string Reason { get; }

    private static string Describe(string source, long line, string reason) =>
        line > 0
            ? FormattableString.Invariant($"{source}, line {line}: {reason} Nothing was imported; fix the line, or skip bad lines (ImportOptions.SkipBadLines).")
            : $"{source}: {reason} Nothing was imported.";
}
