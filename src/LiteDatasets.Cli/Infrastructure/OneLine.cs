using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// A table cell that never wraps: text shown on one line, cut with "…" to the width the table gives its
/// column. A narrow terminal then shows each row on one line rather than a preview folded over many.
/// </summary>
internal sealed class OneLine(string text, Style? style = null) : Renderable
{
    /// <summary>The narrowest a column of one-line cells is squeezed to.</summary>
    private const int MinWidth = 6;

    private readonly Segment _segment = new(text, style ?? Style.Plain);

    /// <inheritdoc/>
    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var width = _segment.CellCount();
        return new Measurement(Math.Min(width, MinWidth), Math.Min(width, maxWidth));
    }

    /// <inheritdoc/>
    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        _segment.CellCount() <= maxWidth ? [_segment] : Segment.SplitOverflow(_segment, Overflow.Ellipsis, maxWidth).Take(1);
}
