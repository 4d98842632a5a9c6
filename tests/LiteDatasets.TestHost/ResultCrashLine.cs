using System.Globalization;

namespace LiteDatasets.TestHost;

/// <summary>
/// One line of the <c>result-writer</c> command's output, whose first words are those of <see cref="CrashLine"/>. The writer prints, in this order:
/// <list type="bullet">
/// <item><c>opening</c> just before it opens the store;</item>
/// <item><c>open &lt;recorded&gt; &lt;succeeded&gt; &lt;failed&gt;</c> once the store is open: the experiment's counters as it found them;</item>
/// <item><c>begin &lt;batch&gt; &lt;op&gt; &lt;size&gt; &lt;runs&gt;</c> before each batch is handed to the store: its name (which
/// every result of it carries in its metadata), how it is recorded (<c>record</c>: <c>RecordResults</c>; <c>recorder</c>:
/// one commit of a <c>ResultRecorder</c>; <c>single</c>: <c>RecordResult</c>), and its runs, each as
/// <c>item.repetition</c> (the item's place in the pinned snapshot), with <c>!</c> after a run whose result is an error;</item>
/// <item><c>progress &lt;i&gt;</c> and <c>enumerated</c> while a large batch's results are handed over;</item>
/// <item><c>commit &lt;batch&gt; &lt;recorded&gt; &lt;succeeded&gt; &lt;failed&gt;</c> once the batch is committed: the
/// experiment's counters as the store reports them after it;</item>
/// <item><c>idle</c> when it has recorded all the batches it was asked for (it then waits to be killed).</item>
/// </list>
/// Anything else (<c>error …</c>, <c>exception …</c>) is a failure of the writer.
/// </summary>
/// <param name="Kind">The first word.</param>
/// <param name="Batch">The batch named, or "-".</param>
/// <param name="Op">How the batch is recorded (for <c>begin</c>), or "-".</param>
/// <param name="Runs">The batch's runs (for <c>begin</c>), or none.</param>
/// <param name="Counters">The experiment's recorded, succeeded and failed counts (for <c>open</c> and <c>commit</c>), or -1s.</param>
/// <param name="Text">The whole line.</param>
public sealed record ResultCrashLine(string Kind, string Batch, string Op, IReadOnlyList<(int Item, int Repetition, bool Failed)> Runs, (long Recorded, long Succeeded, long Failed) Counters, string Text)
{
    /// <summary>Formats a <c>begin</c> line.</summary>
    public static string FormatBegin(string batch, string op, IReadOnlyList<(int Item, int Repetition, bool Failed)> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{CrashLine.Begin} {batch} {op} {runs.Count} ") +
        string.Join(',', runs.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Item}.{r.Repetition}{(r.Failed ? "!" : "")}")));

    /// <summary>Formats an <c>open</c> line, or (with a batch) a <c>commit</c> line.</summary>
    public static string FormatCounters(Experiment experiment, string? batch = null) => string.Create(CultureInfo.InvariantCulture,
        $"{(batch is null ? CrashLine.Open : CrashLine.Commit + " " + batch)} {experiment.Recorded} {experiment.Succeeded} {experiment.Failed}");

    /// <summary>Parses a line; a line of any other shape comes back with <see cref="Kind"/> as its first word.</summary>
    public static ResultCrashLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = line.Split(' ');
        long Number(int i) => words.Length > i && long.TryParse(words[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var none = (-1L, -1L, -1L);
        return words[0] switch
        {
            CrashLine.Open => new ResultCrashLine(CrashLine.Open, "-", "-", [], (Number(1), Number(2), Number(3)), line),
            CrashLine.Commit => new ResultCrashLine(CrashLine.Commit, words.Length > 1 ? words[1] : "-", "-", [], (Number(2), Number(3), Number(4)), line),
            CrashLine.Begin when words.Length == 5 => new ResultCrashLine(CrashLine.Begin, words[1], words[2], ParseRuns(words[4]), none, line),
            _ => new ResultCrashLine(words[0], "-", "-", [], none, line),
        };
    }

    /// <summary>Gets whether the line is one the writer prints when all is well.</summary>
    public bool IsExpected => Kind is CrashLine.Opening or CrashLine.Open or CrashLine.Begin or CrashLine.Progress or CrashLine.Enumerated or CrashLine.Commit or CrashLine.Idle;

    private static List<(int Item, int Repetition, bool Failed)> ParseRuns(string text) =>
        text.Split(',').Select(run =>
        {
            var failed = run.EndsWith('!');
            var parts = run.TrimEnd('!').Split('.');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), failed);
        }).ToList();
}
