using System.Globalization;
using System.Text.Json;

namespace LiteDatasets.Transfer;

/// <summary>Every import and export message, in one place. Reasons are sentences; the exception adds the line.</summary>
internal static class TransferErrors
{
    public static ImportFormatException Empty(string source) =>
        new(source, 0, "has no items (it is empty, or holds only a header or an empty array). An import needs at least one item.");

    public static ImportFormatException AllSkipped(string source, long skipped) =>
        new(source, 0, string.Create(CultureInfo.InvariantCulture, $"has no item that could be read: all {skipped} records were malformed and skipped."));

    /// <summary>How many failing records a schema violation of an import names in its message.</summary>
    private const int ListedSchemaFailures = 5;

    /// <summary>
    /// A schema violation of an import in the file's terms: each failure carries the line of its record, and the
    /// message lists the first ones (line, JSON Pointer, reason).
    /// </summary>
    public static SchemaViolationException SchemaViolation(string source, SchemaViolationException ex, Func<int, long> lineOf)
    {
        var failures = ex.Failures.Select(f => f.ItemIndex is { } index ? f with { LineNumber = lineOf(index) } : f).ToList();
        var listed = string.Join("; ", failures.Take(ListedSchemaFailures).Select(f =>
            f.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line} at '{f.Path}': {f.Message}") : $"at '{f.Path}': {f.Message}"));
        var more = failures.Count > ListedSchemaFailures || ex.FailingItemCount > failures.Count ? "; …" : "";
        var count = ex.FailingItemCount == 1 ? "a record does" : string.Create(CultureInfo.InvariantCulture, $"{ex.FailingItemCount} records do");
        return new SchemaViolationException($"{source}: {count} not satisfy the dataset's schema: {listed}{more}. Nothing was imported.", failures, ex.FailingItemCount);
    }

    /// <summary>A problem of the file as a whole, which skipping bad lines cannot get past.</summary>
    public static ImportFormatException Fatal(string source, long line, string reason, Exception? inner = null) => new(source, line, reason, null, inner, skippable: false);

    public static string DuplicateKeyReason(long firstLine, string what, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"The {what} '{Errors.Shorten(key)}' is also on line {firstLine}; each key may appear once in a file.");

    public static string Utf16() => "The file starts with a UTF-16 byte order mark; save it as UTF-8.";

    public static string InvalidUtf8(long byteInLine) =>
        string.Create(CultureInfo.InvariantCulture, $"Byte {byteInLine} of the line is not valid UTF-8; save the file as UTF-8.");

    public static string LoneSurrogate() =>
        "The record holds an escaped lone surrogate (such as \"\\ud800\"), which is not valid Unicode text.";

    public static string NotJson(JsonException ex) =>
        $"The record is not valid JSON: {StripPosition(ex.Message)}";

    public static string NotAnObject(JsonValueKind kind) =>
        $"The record is a JSON {Kind(kind)}, not an object; each record must be an object of fields.";

    public static string TooLong(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"The record is longer than {limit / (1 << 20)} MB, more than an item may hold.");

    /// <summary>How every reason that points at the mapping rather than at the record ends (see <see cref="IsMappingProblem"/>).</summary>
    private const string MappingHint = " Check the mapping of fields.";

    public static string UnknownNativeField(string field) =>
        $"The field '{Errors.Shorten(field)}' is not part of the native shape (id, externalId, input, expectedOutput, metadata); name the input field(s) to map another shape.{MappingHint}";

    public static string MissingNativeInput() =>
        $"The record has no 'input' field. Native records have id, externalId, input, expectedOutput and metadata; to import another shape, name its input field(s).{MappingHint}";

    public static string MissingField(string field) => $"The record has no field '{Errors.Shorten(field)}'.{MappingHint}";

    public static string NullInput(string field) => $"The field '{Errors.Shorten(field)}' that holds the input is null.";

    public static string MissingKey(string field) => $"The record has no key: the field '{Errors.Shorten(field)}' is missing or empty.{MappingHint}";

    /// <summary>
    /// Whether a reason may come from the mapping rather than the record: a field it names is not there. On the
    /// file's first record that is almost always a mistake in the mapping, which skipping lines cannot mend.
    /// </summary>
    public static bool IsMappingProblem(string reason) => reason.EndsWith(MappingHint, StringComparison.Ordinal);

    public static string BadKey(string field, JsonValueKind kind) =>
        $"The key field '{Errors.Shorten(field)}' is a JSON {Kind(kind)}; a key must be a string or a number.";

    public static string BadString(string field, JsonValueKind kind) =>
        $"The field '{Errors.Shorten(field)}' must be a string, not a JSON {Kind(kind)}.";

    public static string BadMetadata(JsonValueKind kind) =>
        $"The field 'metadata' must be a JSON object, not a JSON {Kind(kind)}.";

    public static string BadName(string field, string problem) => $"The field '{field}' is not usable: {problem}";

    public static string SyncNeedsKey() =>
        "The record has no externalId, which a sync import needs to match it to an item.";

    public static string CsvCellCountMismatch() => "The row has a different number of cells than the header has columns.";

    public static string CsvBadQuote() => "The row has a stray or unbalanced quote; quote a cell that holds quotes, commas or line breaks as \"...\" with quotes doubled.";

    public static string CsvJsonCell(string column, JsonException ex) =>
        $"The cell of the JSON column '{Errors.Shorten(column)}' is not valid JSON: {StripPosition(ex.Message)}";

    public static string CsvUnknownColumn(string column) =>
        $"The header has the column '{Errors.Shorten(column)}', which is not part of the native shape (id, externalId, input:json, expectedOutput:json, metadata:json, or the earlier input, expectedOutput, metadata); name the input column(s) to map another shape.";

    public static string CsvMixedNativeForms(string column) =>
        $"The header has the column '{Errors.Shorten(column)}' beside columns named with ':json'. Name every payload column with ':json' (input:json, expectedOutput:json, metadata:json: cells of JSON text, as export writes them) or none (input, expectedOutput: cells are strings).";

    public static string CsvEmptyJsonInput(string column) =>
        $"The cell of the column '{Errors.Shorten(column)}' is empty; it must hold the input as JSON text (a string in quotes: \"text\").";

    public static string ParquetUnreadable(Exception ex) =>
        $"is not a Parquet file that can be read ({ex.Message.TrimEnd('.')}). Check that the file is complete and is Parquet.";

    public static string ParquetJsonCell(string column, JsonException ex) =>
        $"The cell of the column '{Errors.Shorten(column)}' is not valid JSON text: {StripPosition(ex.Message)}";

    public static string CsvMissingColumn(string column) => $"The header has no column '{Errors.Shorten(column)}'.";

    public static string CsvPointerIntoText(string field, string column) =>
        $"The field '{Errors.Shorten(field)}' looks inside the column '{Errors.Shorten(column)}', whose cells are text; list '{Errors.Shorten(column)}' among the JSON columns to map a value inside its JSON.";

    public static string CsvDuplicateColumn(string column) => $"The header names the column '{Errors.Shorten(column)}' twice.";

    public static string NotAnArray() =>
        "A JSON import file must be one array of item objects ([{...}, {...}]); for one object per line, use the JSONL format.";

    public static string AfterArray() => "There is more content after the closing ']' of the array.";

    public static string EndsEarly() => "The file ends before the array is closed with ']'.";

    public static string Payload(string problem) => $"The item cannot be stored: {problem}";

    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };


    /// <summary>Drops System.Text.Json's "LineNumber: … | BytePositionInLine: …" suffix: the caller reports the line itself.</summary>
    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var text = (cut < 0 ? message : message[..cut]).TrimEnd();
        return text.EndsWith('.') ? text : text + ".";
    }
}
