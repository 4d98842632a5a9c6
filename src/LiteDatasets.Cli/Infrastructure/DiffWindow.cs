namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Shows both sides of a changed payload around their first difference, so that an edit at the end of a long
/// answer is visible in a preview: when the difference lies beyond the start of a preview, both sides are
/// shown from a few characters before it, with "…" where text was left out.
/// </summary>
internal static class DiffWindow
{
    /// <summary>How many characters before the first difference a window starts.</summary>
    private const int Context = 10;

    /// <summary>Gets the one-line previews of both sides, each at most <paramref name="width"/> characters.</summary>
    public static (string Before, string After) Around(string before, string after, int width)
    {
        var at = before.AsSpan().CommonPrefixLength(after);
        var start = at + Context < width ? 0 : Display.Boundary(before, at - Context);
        return (Window(before, start, width), Window(after, start, width));
    }

    private static string Window(string text, int start, int width) =>
        start == 0 ? Display.Cut(text, width) : "…" + Display.Cut(text[start..], width - 1);
}
