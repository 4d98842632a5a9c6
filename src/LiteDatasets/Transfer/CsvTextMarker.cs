using System.Buffers;

namespace LiteDatasets.Transfer;

/// <summary>
/// Keeps the cells of a native CSV export from starting like a spreadsheet formula, in a way the importer
/// undoes exactly: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab, a carriage return or
/// the marker <c>'</c> itself gets a <c>'</c> in front (the character spreadsheets read as "this cell is
/// text"), and the importer removes one leading <c>'</c>.
/// </summary>
/// <remarks>
/// CsvHelper's own injection escaping cannot be undone: it leaves a cell that already starts with <c>'</c> as
/// it is, so an id such as <c>'=x</c> would read back as <c>=x</c>.
/// </remarks>
internal static class CsvTextMarker
{
    /// <summary>The marker put in front of a cell that would start like a formula.</summary>
    public const char Marker = '\'';

    private static readonly SearchValues<char> MarkedStarts = SearchValues.Create("=+-@\t\r'");

    /// <summary>Gets the cell to write for <paramref name="text"/>: the text, behind a marker when it needs one.</summary>
    public static string Add(string text) => text.Length > 0 && MarkedStarts.Contains(text[0]) ? Marker + text : text;

    /// <summary>Gets a cell read from a file without its one leading marker, if it has one.</summary>
    public static ReadOnlySpan<byte> Remove(ReadOnlySpan<byte> cell) => !cell.IsEmpty && cell[0] == (byte)Marker ? cell[1..] : cell;
}
