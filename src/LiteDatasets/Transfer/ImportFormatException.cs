namespace LiteDatasets;

/// <summary>
/// Thrown with <see cref="ErrorCode.ImportFormat"/> when an import source is malformed: a line that is not
/// JSON, a record that lacks a field, two records with one key, bytes that are not UTF-8, an empty file.
/// Nothing was written.
/// </summary>
public sealed class ImportFormatException : LiteDatasetsException
{
    internal ImportFormatException(string source, long lineNumber, string reason, long? otherLineNumber = null, Exception? innerException = null, bool skippable = true)
        : base(ErrorCode.ImportFormat, Describe(source, lineNumber, reason, skippable && lineNumber > 0), innerException)
    {
        SourceName = source;
        LineNumber = lineNumber;
        Reason = reason;
        OtherLineNumber = otherLineNumber;
        CanSkip = skippable && lineNumber > 0;
    }

    /// <summary>
    /// Gets whether skipping bad lines (<see cref="ImportOptions.SkipBadLines"/>) would get past this problem: true
    /// for one bad record, false for the file as a whole (its header, the enclosing array, its encoding, a mapped
    /// field that no record has, or one that the first record lacks).
    /// </summary>
    public bool CanSkip { get; }

    /// <summary>Gets the name of the source (a file name).</summary>
    public string SourceName { get; }

    /// <summary>Gets the 1-based line where the bad record starts, or 0 when the problem is the file as a whole (an empty file).</summary>
    public long LineNumber { get; }

    /// <summary>Gets the earlier line involved, for a key repeated in the file; otherwise <see langword="null"/>.</summary>
    public long? OtherLineNumber { get; }

    /// <summary>Gets what is wrong with the record, in a sentence without the line number.</summary>
    public string Reason { get; }

    private static string Describe(string source, long line, string reason, bool skippable) =>
        line <= 0 ? $"{source}: {reason} Nothing was imported."
        : skippable ? FormattableString.Invariant($"{source}, line {line}: {reason} Nothing was imported; fix the line, or skip bad lines (ImportOptions.SkipBadLines).")
        : FormattableString.Invariant($"{source}, line {line}: {reason} Nothing was imported.");
}
