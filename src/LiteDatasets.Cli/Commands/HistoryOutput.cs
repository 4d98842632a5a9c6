using System.Globalization;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Commands;

/// <summary>What <c>copy</c> and <c>import --history</c> print: what was (or, in a dry run, would be) written.</summary>
internal static class HistoryOutput
{
    /// <summary>Splits an <c>--at</c> argument into a version number or a tag.</summary>
    public static (long? Version, string? Tag) VersionOrTag(string? at) =>
        at is null ? (null, null)
        : StoreAccess.IsNumber(at) ? (long.Parse(at, NumberStyles.None, CultureInfo.InvariantCulture), null)
        : (null, at);

    /// <summary>Prints a transfer's result as a sentence, or as JSON.</summary>
    public static void Write(CliEnvironment env, bool asJson, HistoryTransfer result, string route)
    {
        if (asJson)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteStartObject("dataset");
            json.Writer.WriteString("id", result.DatasetId);
            json.Writer.WriteString("name", result.Name);
            json.Writer.WriteEndObject();
            json.Writer.WriteBoolean("created", result.Created);
            json.Writer.WriteNumber("fromVersion", result.FromVersion);
            json.Writer.WriteNumber("toVersion", result.ToVersion);
            json.Writer.WriteNumber("versionsWritten", result.VersionsWritten);
            json.Writer.WriteNumber("tagsWritten", result.TagsWritten);
            json.Writer.WriteBoolean("upToDate", result.UpToDate);
            json.Writer.WriteBoolean("dryRun", result.DryRun);
            return;
        }

        var name = Display.Escape(result.Name);
        var versions = result.Created ? $"versions 1 to {result.ToVersion}"
            : result.VersionsWritten > 0 ? $"{Plural(result.VersionsWritten, "new version")} ({result.FromVersion + 1} to {result.ToVersion})"
            : "no new version";
        env.Console.MarkupLine(result.UpToDate
            ? $"[bold]{name}[/] is up to date {Display.Escape(route)}: the target holds its {Display.Count(result.ToVersion)} versions and every tag."
            : $"{(result.DryRun ? "Would copy" : "Copied")} [bold]{name}[/] {Display.Escape(route)}: {versions} and {Plural(result.TagsWritten, result.Created ? "tag" : "new tag")}.");
        if (result.DryRun)
        {
            env.Console.MarkupLine("Nothing was written (--dry-run).");
        }
    }

    private static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{Display.Count(count)} {noun}s";
}
