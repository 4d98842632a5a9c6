using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Renders a table within the terminal's width by narrowing its columns one character at a time, widest
/// first, but never below each column's <see cref="ColumnWidth"/>. Spectre.Console narrows the widest wrapping
/// columns with no minimum, which splits a date or an id in a narrow terminal; here numbers and short ids keep
/// their width, a timestamp puts its time under its date, and text columns wrap or are cut.
/// </summary>
/// <param name="table">The table, with its rows.</param>
/// <param name="columns">How narrow each column may get.</param>
internal sealed class FittedTable(Table table, IReadOnlyList<ColumnWidth> columns) : Renderable
{
    /// <inheritdoc/>
    protected override Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)table).Measure(options, maxWidth);

    /// <inheritdoc/>
    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var natural = table.Columns.Select((column, i) => NaturalWidth(options, maxWidth, column, i)).ToArray();

        // Default borders with one space of padding on each side: three characters a column, and one more.
        var room = maxWidth - (3 * natural.Length) - 1;
        var preferred = natural.Select((width, i) => columns[i].Snap ? width : Math.Min(width, columns[i].Preferred)).ToArray();
        var snap = preferred.Sum() > room;
        var widths = natural.Select((width, i) => snap && columns[i].Snap ? Math.Min(width, columns[i].Least) : width).ToArray();
        Narrow(widths, preferred.Select((width, i) => Math.Min(width, widths[i])).ToArray(), room);
        Narrow(widths, widths.Select((width, i) => Math.Min(width, columns[i].Least)).ToArray(), room);
        for (var i = 0; i < widths.Length; i++)
        {
            table.Columns[i].Width = widths[i];
        }

        return ((IRenderable)table).Render(options, maxWidth);
    }

    /// <summary>Narrows the widest column above its floor, one character at a time, until the widths fit <paramref name="room"/> or every column is at its floor.</summary>
    private static void Narrow(int[] widths, int[] floors, int room)
    {
        var excess = widths.Sum() - room;
        while (excess > 0)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] > floors[i] && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                // Even the floors do not fit: Spectre.Console narrows every column evenly from here.
                return;
            }

            widths[widest]--;
            excess--;
        }
    }

    private int NaturalWidth(RenderOptions options, int maxWidth, TableColumn column, int index) =>
        table.Rows.Select(row => row[index].Measure(options, maxWidth).Max).Append(column.Header.Measure(options, maxWidth).Max).Max();
}
