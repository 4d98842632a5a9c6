using LiteDatasets.Json;
using LiteDatasets.Services;

namespace LiteDatasets.Storage;

/// <summary>
/// A result as an engine stores it: one per experiment, item and repetition (<see cref="Key"/>), replaced by each
/// later write of the same run. The output is kept apart, as the exact UTF-8 JSON given; everything else the caller
/// recorded is one UTF-8 JSON document (see <see cref="ResultBody"/>).
/// </summary>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="DatasetKey">The experiment's dataset's <see cref="DatasetRow.Key"/> (results go with their dataset).</param>
/// <param name="Seq">The item's sequence number.</param>
/// <param name="Repetition">The repetition, from 0.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="ItemVersion">The validFrom of the item's revision live at the experiment's pinned version.</param>
/// <param name="ItemHash">That revision's hash (32 bytes, see <see cref="RevisionRow.Hash"/>).</param>
/// <param name="Attempt">How many times the run was recorded.</param>
/// <param name="Failed">Whether the result has an error.</param>
/// <param name="Output">The output as stored UTF-8 JSON, or null.</param>
/// <param name="Body">The rest of the result as UTF-8 JSON.</param>
/// <param name="RecordedAt">When the last write was committed (UTC milliseconds).</param>
internal sealed record ResultRow(
    string ExperimentId,
    int DatasetKey,
    long Seq,
    int Repetition,
    string ItemId,
    long ItemVersion,
    byte[] ItemHash,
    int Attempt,
    bool Failed,
    byte[]? Output,
    byte[] Body,
    long RecordedAt)
{
    /// <summary>Gets the run the result belongs to.</summary>
    public ResultKey Key => new(Seq, Repetition);

    /// <summary>Builds the public result with fresh nodes.</summary>
    /// <exception cref="StoreDamage">A stored part cannot be read.</exception>
    public ExperimentResult ToResult()
    {
        var body = ResultBody.Read(Body, RecordedAt);
        return new ExperimentResult(
            ExperimentId,
            ItemId,
            Repetition,
            ItemVersion,
            LiteDatasets.Fingerprint.ToHex(ItemHash),
            Attempt,
            Output is null ? null : PayloadEncoder.Parse(Output),
            body.Error,
            body.StartedAt,
            body.Duration,
            body.Usage,
            body.Model,
            body.CacheHit,
            body.Scores,
            body.Metadata,
            body.TraceId,
            Time.FromUnixMilliseconds(RecordedAt)) { CarriedFrom = body.CarriedFrom };
    }
}
