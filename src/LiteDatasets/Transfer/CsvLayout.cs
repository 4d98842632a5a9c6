namespace LiteDatasets.Transfer;

/// <summary>
/// What each column of a CSV header holds, read against the mapping. A mapped shape takes its columns as
/// they are: strings, or JSON in the JSON columns. The native shape comes in two forms, told apart by the
/// header. The lossless form, which export writes, names its payload columns <c>input:json</c>,
/// <c>expectedOutput:json</c> and <c>metadata:json</c>: their cells are JSON text, so every JSON type comes
/// back as it was, and every cell may carry a text marker (<see cref="CsvTextMarker"/>). The earlier form
/// names them <c>input</c>, <c>expectedOutput</c> and <c>metadata</c>: input and expected output cells are
/// strings, metadata cells JSON, and no marker is removed, so files written before the lossless form read as
/// they always did.
/// </summary>
internal sealed class CsvLayout
{
    /// <summary>The ending of a native column name whose cells are JSON text.</summary>
    public const string JsonSuffix = ":json";

    private static readonly string[] PayloadFields = [RecordMapper.InputField, RecordMapper.ExpectedField, RecordMapper.MetadataField];

    private CsvLayout(IReadOnlyList<string> columns, string[] fields, CsvCellKind[] kinds, bool[] emptyIsAbsent, int jsonInputColumn)
    {
        Columns = columns;
        Fields = fields;
        Kinds = kinds;
        EmptyIsAbsent = emptyIsAbsent;
        JsonInputColumn = jsonInputColumn;
    }

    /// <summary>Gets the columns, as the header names them.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Gets the record field each column fills.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Gets how each column's cells are read.</summary>
    public IReadOnlyList<CsvCellKind> Kinds { get; }

    /// <summary>
    /// Gets whether an empty cell of each column is left out of the record: in the native shape, every column
    /// but the input. (A mapped shape leaves this to <see cref="RecordMapper"/>, as it always has.)
    /// </summary>
    public IReadOnlyList<bool> EmptyIsAbsent { get; }

    /// <summary>Gets the index of the lossless form's <c>input:json</c> column, whose cell may not be empty; -1 if there is none.</summary>
    public int JsonInputColumn { get; }

    /// <summary>Reads a header; returns the problem (and no layout), or null.</summary>
    public static string? TryRead(IReadOnlyList<string> columns, MappingPlan mapping, IReadOnlyList<string> jsonColumns, out CsvLayout? layout)
    {
        layout = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicate = columns.FirstOrDefault(c => !seen.Add(c));
        if (duplicate is not null)
        {
            return TransferErrors.CsvDuplicateColumn(duplicate);
        }

        var problem = mapping.IsNative ? Native(columns, jsonColumns, out layout) : Mapped(columns, mapping, jsonColumns, out layout);
        var missing = jsonColumns.FirstOrDefault(c => !seen.Contains(c));
        return problem ?? (missing is null ? null : Refuse(TransferErrors.CsvMissingColumn(missing), out layout));
    }

    /// <summary>
    /// Reads the header of a mapped shape. Each field names a column by its first token; a JSON Pointer that
    /// looks further must look inside a JSON column, since a text cell has nothing inside.
    /// </summary>
    private static string? Mapped(IReadOnlyList<string> columns, MappingPlan mapping, IReadOnlyList<string> jsonColumns, out CsvLayout? layout)
    {
        var missing = mapping.Fields.FirstOrDefault(p => !columns.Contains(p.Top, StringComparer.Ordinal));
        if (missing is not null)
        {
            return Refuse(TransferErrors.CsvMissingColumn(missing.Top), out layout);
        }

        var intoText = mapping.Fields.FirstOrDefault(p => p.IsNested && !jsonColumns.Contains(p.Top, StringComparer.Ordinal));
        if (intoText is not null)
        {
            return Refuse(TransferErrors.CsvPointerIntoText(intoText.Text, intoText.Top), out layout);
        }

        var kinds = columns.Select(c => jsonColumns.Contains(c, StringComparer.Ordinal) ? CsvCellKind.Json : CsvCellKind.Text).ToArray();
        layout = new CsvLayout(columns, [.. columns], kinds, new bool[columns.Count], -1);
        return null;
    }

    private static string? Native(IReadOnlyList<string> columns, IReadOnlyList<string> jsonColumns, out CsvLayout? layout)
    {
        var lossless = columns.Any(c => c.EndsWith(JsonSuffix, StringComparison.Ordinal));
        var fields = new string[columns.Count];
        var kinds = new CsvCellKind[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var payload = lossless && column.EndsWith(JsonSuffix, StringComparison.Ordinal) ? column[..^JsonSuffix.Length] : column;
            if (lossless && payload == column && PayloadFields.Contains(column, StringComparer.Ordinal))
            {
                return Refuse(TransferErrors.CsvMixedNativeForms(column), out layout);
            }

            var isId = payload == column && column is RecordMapper.IdField or RecordMapper.ExternalIdField;
            if (!isId && !PayloadFields.Contains(payload, StringComparer.Ordinal))
            {
                return Refuse(TransferErrors.CsvUnknownColumn(column), out layout);
            }

            fields[i] = payload;
            kinds[i] = jsonColumns.Contains(column, StringComparer.Ordinal) || payload != column || column == RecordMapper.MetadataField ? CsvCellKind.Json
                : lossless ? CsvCellKind.MarkedText
                : CsvCellKind.Text;
        }

        var input = lossless ? RecordMapper.InputField + JsonSuffix : RecordMapper.InputField;
        var inputColumn = columns.ToList().IndexOf(input);
        if (inputColumn < 0)
        {
            return Refuse(TransferErrors.CsvMissingColumn(input), out layout);
        }

        var emptyIsAbsent = fields.Select(f => f != RecordMapper.InputField).ToArray();
        layout = new CsvLayout(columns, fields, kinds, emptyIsAbsent, lossless ? inputColumn : -1);
        return null;
    }

    private static string Refuse(string problem, out CsvLayout? layout)
    {
        layout = null;
        return problem;
    }
}
