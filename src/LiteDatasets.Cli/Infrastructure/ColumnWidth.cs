namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// How narrow <see cref="FittedTable"/> may make a column: first no narrower than <paramref name="Preferred"/>,
/// then, if the table still does not fit, no narrower than <paramref name="Least"/>. A <paramref name="Snap"/>
/// column keeps its natural width or drops straight to <paramref name="Least"/> (a timestamp: one line, or the
/// date over the time).
/// </summary>
internal readonly record struct ColumnWidth(int Preferred, int Least, bool Snap = false)
{
    /// <summary>Gets the width of a column that keeps its widest cell whole (numbers, shortened ids).</summary>
    public static ColumnWidth Natural { get; } = new(int.MaxValue, int.MaxValue);

    /// <summary>Gets the width of a column of timestamps.</summary>
    public static ColumnWidth Date { get; } = new(int.MaxValue, Display.DateWidth, Snap: true);

    /// <summary>Gets the width of a column of text that wraps or is cut, at least <paramref name="least"/> wide.</summary>
    public static ColumnWidth Text(int least) => new(least, least);
}
