using System.Globalization;

namespace LiteDatasets.TestHost;

/// <summary>
/// One line of the <c>crash-writer</c> command's output. The writer prints, in this order:
/// <list type="bullet">
/// <item><c>opening</c> just before it opens the store;</item>
/// <item><c>open &lt;version&gt; &lt;count&gt; &lt;fingerprint&gt; &lt;digest&gt;</c> once the store is open: the state it found;</item>
/// <item><c>begin &lt;version&gt; &lt;count&gt; - &lt;digest&gt; &lt;op&gt; &lt;size&gt;</c> before each write call: the version,
/// item count and <see cref="SnapshotDigest"/> that the call's commit must have (a fingerprint is not known yet);</item>
/// <item><c>progress &lt;i&gt;</c> and <c>enumerated</c> while a large batch's drafts are read inside the write call;</item>
/// <item><c>commit &lt;version&gt; &lt;count&gt; &lt;fingerprint&gt; &lt;digest&gt;</c> after each write call has returned: the
/// version, its item count (the version record's, which the writer checked against the dataset's and its model's) and
/// fingerprint as the store reports them, and the digest of the writer's model;</item>
/// <item><c>idle</c> when it has made all the writes it was asked for (it then waits to be killed);</item>
/// <item><c>mismatch &lt;what&gt;</c> if the store disagreed with the writer's model (the writer then exits).</item>
/// </list>
/// </summary>
/// <param name="Kind">The first word.</param>
/// <param name="Version">The version named, or -1.</param>
/// <param name="Count">The item count named, or -1.</param>
/// <param name="Fingerprint">The store's fingerprint, or "-".</param>
/// <param name="Digest">The writer's <see cref="SnapshotDigest"/>, or "-".</param>
/// <param name="Op">The write call's kind (for <c>begin</c>), or "-".</param>
/// <param name="Size">The number of items the write call touches (for <c>begin</c>), or the progress index.</param>
/// <param name="Text">The whole line.</param>
public sealed record CrashLine(string Kind, long Version, long Count, string Fingerprint, string Digest, string Op, int Size, string Text)
{
    public const string Opening = "opening";
    public const string Open = "open";
    public const string Begin = "begin";
    public const string Progress = "progress";
    public const string Enumerated = "enumerated";
    public const string Commit = "commit";
    public const string Idle = "idle";
    public const string Mismatch = "mismatch";

    /// <summary>Formats a state line (<c>open</c>, <c>begin</c> or <c>commit</c>).</summary>
    public static string State(string kind, long version, long count, string fingerprint, string digest) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind} {version} {count} {fingerprint} {digest}");

    /// <summary>Parses a line; a line of any other shape comes back with <see cref="Kind"/> as its first word.</summary>
    public static CrashLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = line.Split(' ');
        long Number(int i) => words.Length > i && long.TryParse(words[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
        string Word(int i) => words.Length > i ? words[i] : "-";
        return words[0] switch
        {
            Open or Commit or Begin => new CrashLine(words[0], Number(1), Number(2), Word(3), Word(4), Word(5), (int)Number(6), line),
            Progress => new CrashLine(words[0], -1, -1, "-", "-", "-", (int)Number(1), line),
            _ => new CrashLine(words[0], -1, -1, "-", "-", "-", -1, line),
        };
    }

    /// <summary>Gets whether the line is one the writer prints when all is well.</summary>
    public bool IsExpected => Kind is Opening or Open or Begin or Progress or Enumerated or Commit or Idle;
}
