using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Formats values for tables and text meant for people. Everything from a store goes through here, so that
/// its control characters are shown escaped (<see cref="TerminalText"/>) and its brackets are not read as markup.
/// </summary>
internal static class Display
{
    /// <summary>Ids longer than this are shortened in tables (<c>--full-ids</c> shows them whole).</summary>
    public const int ShortIdLength = 16;

    /// <summary>The narrowest a column of timestamps gets: the date, with the time on the line below.</summary>
    public const int DateWidth = 10;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Gets the cell of an absent value: a grey dash.</summary>
    public static IRenderable Absent => new Markup("[grey]-[/]");

    /// <summary>Gets text from a store escaped for markup: control characters escaped, brackets doubled.</summary>
#pragma warning disable RS0030 // The one place markup escaping happens: after the control characters are escaped.
    public static string Escape(string text) => Markup.Escape(TerminalText.Escape(text));
#pragma warning restore RS0030

    /// <summary>Gets a one-line preview cell of a payload, at most <paramref name="width"/> characters, cut further to fit its column.</summary>
    public static IRenderable Preview(JsonNode? node, int width = 60) => node is null ? Absent : new OneLine(Cut(OneLineText(node), width));

    /// <summary>Gets a payload as one line of text: a string as itself, anything else as compact JSON; white space runs become one space, control characters are escaped.</summary>
    public static string OneLineText(JsonNode node)
    {
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(Compact);
        return TerminalText.Escape(string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>Gets <paramref name="text"/> cut to <paramref name="width"/> characters, the last of them "…" when it was cut.</summary>
    public static string Cut(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Boundary(text, width - 1)), "…");

    /// <summary>
    /// Gets a payload as indented JSON (strings as themselves, over several lines), escaped for markup. A tab
    /// becomes four spaces: the terminal would move it to a tab stop the panel around it does not know of.
    /// </summary>
#pragma warning disable RS0030 // Markup escaping of text whose control characters, all but line breaks, are escaped already.
    public static string Full(JsonNode? node) =>
        node is null ? "[grey]-[/]" : Markup.Escape(TerminalText.Escape(FullText(node).Replace("\t", "    ", StringComparison.Ordinal), keepLines: true));
#pragma warning restore RS0030

    /// <summary>Gets a payload as people read it whole: a string as itself, anything else as indented JSON.</summary>
    public static string FullText(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(Indented);

    /// <summary>Gets plain text escaped for markup, or a grey dash when absent.</summary>
    public static string Text(string? text) => text is null ? "[grey]-[/]" : Escape(text);

    /// <summary>Gets an id cell: shortened to its first 7 and last 8 characters when longer than <see cref="ShortIdLength"/>, unless <paramref name="full"/>; a grey dash when absent.</summary>
    public static IRenderable Id(string? id, bool full)
    {
        if (id is null)
        {
            return Absent;
        }

        var text = TerminalText.Escape(id);
        if (!full && text.Length > ShortIdLength)
        {
            var tail = Boundary(text, text.Length - 8);
            text = string.Concat(text.AsSpan(0, Boundary(text, 7)), "…", text.AsSpan(tail));
        }

        // A whole id wraps rather than being cut.
        return full ? new Text(text) : new OneLine(text);
    }

    /// <summary>Gets how narrow an id column gets: its shortened ids whole, or whole ids wrapped over lines of at least 12 characters.</summary>
    public static ColumnWidth IdWidth(bool full) => full ? new ColumnWidth(int.MaxValue, 12) : ColumnWidth.Natural;

    /// <summary>Gets a text cell that never wraps (cut with "…" if its column is too narrow), control characters escaped.</summary>
    public static IRenderable Plain(string text) => new OneLine(TerminalText.Escape(text));

    /// <summary>Formats a timestamp for people (UTC, to the second).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a latency: milliseconds below a second, else seconds with two decimals.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s");

    /// <summary>Gets a count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a byte size.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };

    /// <summary>Gets the tags of a version as text.</summary>
    public static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "" : Escape(string.Join(", ", tags));

    /// <summary>Gets a version's content fingerprint shortened for tables.</summary>
    public static string Fingerprint(string fingerprint) => fingerprint[..12];

    /// <summary>Gets <paramref name="index"/>, moved back by one if it would split a surrogate pair.</summary>
    public static int Boundary(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
}
