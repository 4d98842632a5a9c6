using System.Text;
using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>
/// Turns a source's records into drafts, lazily: maps each record, refuses a key already seen in the file
/// (naming both lines), and either stops at the first bad record or skips and reports it. Remembers the line
/// of the last draft handed out, so that a failure the store reports for that draft can name its line.
/// </summary>
internal sealed class DraftPipeline(IRecordSource records, RecordMapper mapper, ImportOptions options, string source, Func<long?> bytesRead, long? totalBytes)
{
    private const int ProgressEvery = 1000;

    private readonly List<SkippedLine> _skipped = [];

    /// <summary>Gets the first skipped records (at most <see cref="DatasetTransfer.MaxReportedSkips"/>).</summary>
    public IReadOnlyList<SkippedLine> Skipped => _skipped;

    /// <summary>Gets how many records were skipped.</summary>
    public long SkippedCount { get; private set; }

    /// <summary>Gets how many drafts were handed out.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the line of the last draft handed out.</summary>
    public long LastLine { get; private set; }

    /// <summary>Gets the last draft handed out.</summary>
    public ItemDraft? LastDraft { get; private set; }

    public IEnumerable<ItemDraft> Drafts()
    {
        var externalIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long seen = 0;
        foreach (var record in records.Read())
        {
            if (++seen % ProgressEvery == 0)
            {
                options.Progress?.Report(new TransferProgress(seen, null, bytesRead(), totalBytes));
            }

            ItemDraft? draft = null;
            long? otherLine = null;
            var problem = record.Problem ?? mapper.Map(record.Fields!, out draft);
            if (problem is null && options.SkipBadLines)
            {
                problem = CheckPayload(draft!);
            }

            if (problem is null)
            {
                (problem, otherLine) = CheckUnique(draft!, record.Line, externalIds, ids);
            }

            if (problem is not null)
            {
                Skip(record.Line, problem, otherLine);
                continue;
            }

            Count++;
            LastLine = record.Line;
            LastDraft = draft;
            yield return draft!;
        }

        options.Progress?.Report(new TransferProgress(seen, null, bytesRead(), totalBytes));
        if (Count == 0)
        {
            throw SkippedCount > 0 ? TransferErrors.AllSkipped(source, SkippedCount) : TransferErrors.Empty(source);
        }
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
            return content.StoredBytes > DatasetStore.MaxPayloadBytes
                ? TransferErrors.Payload($"it is larger than the {DatasetStore.MaxPayloadBytes / 1_000_000} MB an item may hold.")
                : null;
        }
        catch (PayloadProblem problem)
        {
            return TransferErrors.Payload($"the value at '{problem.Pointer}' {problem.Problem}.");
        }
    }

    private (string? Problem, long? OtherLine) CheckUnique(ItemDraft draft, long line, Dictionary<string, long> externalIds, Dictionary<string, long> ids)
    {
        // As in the store: external ids are unique per file; ids are, where they identify the item.
        if (draft.ExternalId is { } key && !externalIds.TryAdd(key, line))
        {
            return (TransferErrors.DuplicateKeyReason(externalIds[key], mapper.KeyName, key), externalIds[key]);
        }

        if (draft.Id is { } id && (options.Mode == ImportMode.Append || draft.ExternalId is null) && !ids.TryAdd(id, line))
        {
            return (TransferErrors.DuplicateKeyReason(ids[id], "id", id), ids[id]);
        }

        return (null, null);
    }

    private void Skip(long line, string problem, long? otherLine)
    {
        if (!options.SkipBadLines)
        {
            throw new ImportFormatException(source, line, problem, otherLine);
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
