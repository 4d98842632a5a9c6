using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// Writes an experiment's results as JSONL, one line per result in snapshot order (<see cref="ResultJson"/>, with the
/// item's input and expected output at the pinned version). Results and the pinned snapshot are both streamed in
/// the order the items were first added, so the two are merged in one pass: memory stays flat, and no item is read
/// on its own.
/// </summary>
internal static class ResultExport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every result of <paramref name="experiment"/> to <paramref name="output"/> (flushed, not closed).</summary>
    /// <param name="store">The store.</param>
    /// <param name="experiment">The experiment.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="progress">Receives the lines written so far, or null.</param>
    /// <param name="cancellationToken">Stops the export between two lines.</param>
    /// <returns>The number of lines written.</returns>
    public static long Write(IDatasetStore store, Experiment experiment, Stream output, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        long written = 0;
        using var items = store.ReadItems(experiment.DatasetId, experiment.DatasetVersion).GetEnumerator();
        DatasetItem? current = null;
        using var writer = new Utf8JsonWriter(output, Options);
        foreach (var result in store.ReadResults(experiment.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = Advance(items, ref current, result.ItemId) ?? store.GetItem(experiment.DatasetId, result.ItemId, experiment.DatasetVersion)
                ?? throw new LiteDatasetsException(ErrorCode.ItemNotFound, $"Item '{result.ItemId}' of a result is not in version {experiment.DatasetVersion}. Run 'litedatasets verify' on the store.");
            ResultJson.Write(writer, result, item.ExternalId, item);
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
            if (++written % 1000 == 0)
            {
                progress?.Report(new TransferProgress(written, experiment.Recorded, null, null));
            }
        }

        output.Flush();
        progress?.Report(new TransferProgress(written, experiment.Recorded, null, null));
        return written;
    }

    /// <summary>
    /// Moves the snapshot's enumerator on to the item <paramref name="itemId"/> (staying on it for its further
    /// repetitions), or returns null if the snapshot ends first — which the shared order rules out.
    /// </summary>
    private static DatasetItem? Advance(IEnumerator<DatasetItem> items, ref DatasetItem? current, string itemId)
    {
        while (current is null || current.Id != itemId)
        {
            if (!items.MoveNext())
            {
                return null;
            }

            current = items.Current;
        }

        return current;
    }
}
