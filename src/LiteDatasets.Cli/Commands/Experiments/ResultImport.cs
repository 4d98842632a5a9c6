using System.Globalization;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// The second pass of <c>experiments import</c>, once <see cref="ResultImportCheck"/> passed: reads the file again and
/// records its results in commits of at most <see cref="BatchSize"/>, each all or nothing. Ctrl-C stops it between
/// two commits; the commits made stay, and <see cref="Recorded"/> says how many results they hold.
/// </summary>
/// <param name="store">The store, open for writing.</param>
/// <param name="experiment">The experiment to record into.</param>
/// <param name="check">The first pass, with the items that external ids name.</param>
internal sealed class ResultImport(IDatasetStore store, Experiment experiment, ResultImportCheck check)
{
    /// <summary>The most results one commit holds: a bounded transaction, and a bounded loss to a failure.</summary>
    public const int BatchSize = 1000;

    private readonly List<ResultDraft> _batch = new(BatchSize);
    private readonly List<long> _lines = new(BatchSize);

    /// <summary>Gets the number of results committed so far.</summary>
    public long Recorded { get; private set; }

    /// <summary>Records every result of the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="progress">Receives the results recorded so far, or null.</param>
    /// <param name="cancellationToken">Stops the import before the next commit.</param>
    /// <returns>The number of results recorded.</returns>
    /// <exception cref="OperationCanceledException">Interrupted before the first commit: nothing was recorded.</exception>
    /// <exception cref="CliException">Interrupted later (<see cref="CliException.Interrupted"/>, saying what was kept), or a commit the store refused.</exception>
    public long Run(string path, string source, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var line in ResultLineParser.Read(path, source))
            {
                _batch.Add(line.Draft with { ItemId = line.ItemId ?? check.ItemIdsByExternalId[line.ExternalId!] });
                _lines.Add(line.Number);
                if (_batch.Count == BatchSize)
                {
                    Commit(source, progress, cancellationToken);
                }
            }

            Commit(source, progress, cancellationToken);
            return Recorded;
        }
        catch (OperationCanceledException) when (Recorded > 0)
        {
            throw CliException.Interrupted(
                $"Interrupted: {Display.Count(Recorded)} of {Display.Count(check.Count)} results were recorded before the stop (the commits made are kept); the rest were not. Import the file again to record them all: a run recorded again replaces its result.");
        }
    }

    private void Commit(string source, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            store.RecordResults(experiment.Id, _batch);
        }
        catch (Exception ex) when (ex is LiteDatasetsException or ArgumentException)
        {
            throw Refused(ex, source);
        }

        Recorded += _batch.Count;
        _batch.Clear();
        _lines.Clear();
        progress?.Report(new TransferProgress(Recorded, check.Count, null, null));
    }

    /// <summary>What the store refused that the first pass could not see (a label too long, the experiment closed meanwhile): the line, or the lines of the commit, and what was kept.</summary>
    private CliException Refused(Exception ex, string source)
    {
        long? line = ex is InvalidPayloadException { ItemIndex: { } index } && index < _lines.Count ? _lines[index] : null;
        var where = line is { } one
            ? string.Create(CultureInfo.InvariantCulture, $"line {one}")
            : string.Create(CultureInfo.InvariantCulture, $"lines {_lines[0]} to {_lines[^1]}");
        var kept = Recorded == 0
            ? "Nothing was recorded."
            : $"The {Display.Count(Recorded)} results of the lines before were recorded (each commit holds up to {Display.Count(BatchSize)}); the commit of this line was not.";
        var reason = ToolMessages.For(ex.Message.Split(" (Parameter '", 2)[0]);
        return new CliException(ex is LiteDatasetsException known ? known.Code.ToString() : "InvalidArgument", $"{source}, {where}: {reason} {kept}", line ?? _lines[0]);
    }
}
