using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>
/// Turns a source's records into drafts, lazily: maps each record, and either stops at the first bad record
/// or skips and reports it. Remembers the line of every draft handed out (8 bytes each), so that a failure
/// the store reports for a draft can name its line; the store finds keys repeated in the file and hands them
/// to <see cref="OnRepeat"/>, which names both lines. Each record's number in the file (its key when the
/// mapping takes keys from lines) is its line when <paramref name="numberIsLine"/> (JSONL), else its position
/// among the source's records, bad ones included, so that it does not depend on which records are bad.
/// </summary>
internal sealed class DraftPipeline(IRecordSource records, RecordMapper mapper, ImportOptions options, string source, bool numberIsLine, Func<long?> bytesRead, long? totalBytes, CancellationToken cancellationToken)
{
    private const int ProgressEvery = 1000;

    private readonly List<SkippedLine> _skipped = [];
    private readonly PagedArray<long> _lines = new();
    private readonly FieldPresence _presence = new(mapper.Plan, mapper.EmptyIsAbsent);

    /// <summary>Gets, for each mapped optional field that some records lack, how many lack it.</summary>
    public IReadOnlyDictionary<string, long> Lacking => _presence.Lacking();

    /// <summary>Gets the first skipped records (at most <see cref="DatasetTransfer.MaxReportedSkips"/>).</summary>
    public IReadOnlyList<SkippedLine> Skipped => _skipped;

    /// <summary>Gets how many records were skipped.</summary>
    public long SkippedCount { get; private set; }

    /// <summary>Gets how many drafts were handed out.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the line of the last draft handed out.</summary>
    public long LastLine => LineOf(Count - 1);

    /// <summary>Gets the last draft handed out.</summary>
    public ItemDraft? LastDraft { get; private set; }

    public IEnumerable<ItemDraft> Drafts()
    {
        long seen = 0;
        foreach (var record in records.Read())
        {
            // Thrown inside the store's write, which rolls back: a cancelled import writes nothing.
            cancellationToken.ThrowIfCancellationRequested();
            if (++seen % ProgressEvery == 0)
            {
                options.Progress?.Report(new TransferProgress(seen, null, bytesRead(), totalBytes));
            }

            ItemDraft? draft = null;
            if (record.Fields is { } fields)
            {
                _presence.Observe(fields);
            }

            var problem = record.Problem ?? mapper.Map(record.Fields!, numberIsLine ? record.Line : seen, out draft);
            if (problem is null && options.SkipBadLines)
            {
                problem = CheckPayload(draft!);
            }

            if (problem is not null)
            {
                Skip(record.Line, problem, null);
                continue;
            }

            _lines[Count] = record.Line;
            Count++;
            LastDraft = draft;
            yield return draft!;
        }

        options.Progress?.Report(new TransferProgress(seen, null, bytesRead(), totalBytes));
        cancellationToken.ThrowIfCancellationRequested();
        if (Count == 0)
        {
            throw SkippedCount > 0 ? TransferErrors.AllSkipped(source, SkippedCount) : TransferErrors.Empty(source);
        }

        // Inside the import's write, so a misspelt field refuses the whole import before anything is committed.
        _presence.ThrowIfNeverNamed(source);
    }

    /// <summary>
    /// Returns why the store would refuse a draft's content, or null. Only used when skipping bad lines: the
    /// store checks again, and without skipping its refusal is mapped to the line afterwards.
    /// </summary>
    public static string? CheckPayload(ItemDraft draft)
    {
        try
        {
            var content = ItemContent.Encode(draft.Input, draft.ExpectedOutput, draft.Metadata);
            return content.StoredBytes > ItemDraft.MaxContentBytes
                ? TransferErrors.Payload($"it is larger than the {ItemDraft.MaxContentBytes / 1_000_000} MB an item may hold.")
                : null;
        }
        catch (PayloadProblem problem)
        {
            return TransferErrors.Payload($"the value at '{problem.Pointer}' {problem.Problem}.");
        }
    }

    /// <summary>Gets the line of the draft handed out at <paramref name="index"/>.</summary>
    public long LineOf(int index) => _lines[index];

    /// <summary>
    /// Handles a key the store found repeated in the file: stops the import naming both lines, or, when
    /// skipping bad lines, reports the later record (the store then skips its draft).
    /// </summary>
    public void OnRepeat(DraftRepeat repeat)
    {
        var first = LineOf(repeat.First);
        Skip(LineOf(repeat.Second), TransferErrors.DuplicateKeyReason(first, repeat.IsExternalId ? mapper.KeyName : "id", repeat.Key), first);
    }

    private void Skip(long line, string problem, long? otherLine)
    {
        if (!options.SkipBadLines)
        {
            var mappingMistake = Count == 0 && SkippedCount == 0 && TransferErrors.IsMappingProblem(problem);
            throw new ImportFormatException(source, line, problem, otherLine, skippable: !mappingMistake);
        }

        SkippedCount++;
        var skipped = new SkippedLine(line, problem);
        if (_skipped.Count < DatasetTransfer.MaxReportedSkips)
        {
            _skipped.Add(skipped);
        }

        options.LineSkipped?.Invoke(skipped);
    }
}
