using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>Formats values for tables and text meant for people.</summary>
internal static class Display
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Gets a one-line preview of a payload, shortened to <paramref name="width"/> characters and escaped for markup.</summary>
    public static string Preview(JsonNode? node, int width = 60)
    {
        if (node is null)
        {
            return "[grey]-[/]";
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(Compact);
        text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > width)
        {
            text = string.Concat(text.AsSpan(0, width - 1), "…");
        }

        return Markup.Escape(text);
    }

    /// <summary>Gets a payload as indented JSON (strings as themselves), escaped for markup.</summary>
    public static string Full(JsonNode? node) =>
        node is null ? "[grey]-[/]"
        : node.GetValueKind() == JsonValueKind.String ? Markup.Escape(node.GetValue<string>())
        : Markup.Escape(node.ToJsonString(Indented));

    /// <summary>Gets plain text escaped for markup, or a grey dash when absent.</summary>
    public static string Text(string? text) => text is null ? "[grey]-[/]" : Markup.Escape(text);

    /// <summary>Formats a timestamp for people (UTC, to the second).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a byte size.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };

    /// <summary>Gets the tags of a version as text.</summary>
    public static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "" : Markup.Escape(string.Join(", ", tags));

    /// <summary>Gets a version's content fingerprint shortened for tables.</summary>
    public static string Fingerprint(string fingerprint) => fingerprint[..12];
}
