using System.Collections.Concurrent;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The stamps of the items each experiment covers, kept in memory once looked up, so that recording a result costs no
/// revision lookup and no hash computation after the item's first result.
/// </summary>
/// <remarks>
/// Nothing here is ever invalidated, and it need not be: the revision live at a committed version never changes (a
/// commit closes revisions only at its own, later version), an experiment's pin and filter never change, and an
/// experiment id that is deleted and given again names a new (dataset key, sequence) pair, which is part of the key
/// (dataset keys and sequence numbers are never reused). Stamps read inside a write that rolls back stay true for the
/// same reasons. Memory is bounded: past <see cref="MaxEntries"/> entries the whole cache starts again.
/// </remarks>
internal sealed class PinnedStamps
{
    /// <summary>The most stamps kept (each holds an item id, two numbers and a 32-byte hash).</summary>
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<Key, Pinned> _experiments = new();
    private int _entries;

    /// <summary>Returns the stamps kept for an experiment (empty at first), with its filter read once.</summary>
    public Pinned For(ExperimentRow experiment) =>
        _experiments.GetOrAdd(new Key(experiment.Id, experiment.DatasetKey, experiment.Sequence), static (_, row) =>
            new Pinned(row.Filter is null ? null : ExperimentScope.FromStored(row.Filter)), experiment);

    /// <summary>Keeps a stamp of an item an experiment covers.</summary>
    public void Keep(Pinned pinned, string itemId, ResultStamp stamp)
    {
        if (Interlocked.Increment(ref _entries) > MaxEntries)
        {
            // Racing writers may each clear: the count is a bound, not a ledger.
            _experiments.Clear();
            Interlocked.Exchange(ref _entries, 0);
        }

        pinned.Stamps[itemId] = stamp;
    }

    /// <summary>One experiment's kept stamps, by item id, and its filter.</summary>
    internal sealed class Pinned(ExperimentScope? scope)
    {
        public ExperimentScope? Scope { get; } = scope;

        public ConcurrentDictionary<string, ResultStamp> Stamps { get; } = new(StringComparer.Ordinal);
    }

    private readonly record struct Key(string Id, int DatasetKey, long Sequence);
}
