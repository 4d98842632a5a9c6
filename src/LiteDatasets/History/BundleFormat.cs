using System.Globalization;

namespace LiteDatasets.History;

/// <summary>The names and encodings of the history bundle format (documented in <c>docs/history-bundle.md</c>).</summary>
internal static class BundleFormat
{
    /// <summary>The <c>format</c> of a bundle's header, which tells a bundle from any other JSON Lines file.</summary>
    public const string Name = "litedatasets-history";

    /// <summary>The version of the format this build writes and reads; a bundle of another version is refused.</summary>
    public const int Version = 1;

    public const string Header = "header";
    public const string VersionRecord = "version";
    public const string Tag = "tag";
    public const string End = "end";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Gets the record type of a change of each kind.</summary>
    public static string ChangeType(BundleChangeKind kind) => kind switch
    {
        BundleChangeKind.Delete => "delete",
        BundleChangeKind.Update => "update",
        BundleChangeKind.Revive => "revive",
        _ => "add",
    };

    /// <summary>Gets the kind of change a record type names, or null when it names none.</summary>
    public static BundleChangeKind? ChangeKind(string type) => type switch
    {
        "delete" => BundleChangeKind.Delete,
        "update" => BundleChangeKind.Update,
        "revive" => BundleChangeKind.Revive,
        "add" => BundleChangeKind.Add,
        _ => null,
    };

    /// <summary>Writes a store time (UTC milliseconds) as the bundle does: ISO 8601 in UTC with milliseconds, which keeps it exactly.</summary>
    public static string FormatTime(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a time written by <see cref="FormatTime"/>; anything else is null.</summary>
    public static long? ParseTime(string text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds()
            : null;
}
