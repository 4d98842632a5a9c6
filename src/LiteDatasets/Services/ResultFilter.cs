using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The conditions of a <see cref="ResultQuery"/>, checked once: a failed result, a score below a value, an item among
/// some. Only the score condition reads a result's body; the others read the row's own columns.
/// </summary>
internal sealed class ResultFilter
{
    private readonly bool _failedOnly;
    private readonly ScoreThreshold? _scoreBelow;
    private readonly HashSet<string>? _itemIds;

    private ResultFilter(bool failedOnly, ScoreThreshold? scoreBelow, HashSet<string>? itemIds)
    {
        _failedOnly = failedOnly;
        _scoreBelow = scoreBelow;
        _itemIds = itemIds;
    }

    /// <summary>Gets the ids of the items whose results to list, or null for every item's.</summary>
    public IReadOnlyCollection<string>? ItemIds => _itemIds;

    /// <summary>Checks the conditions of <paramref name="query"/>; returns null when it has none.</summary>
    /// <exception cref="ArgumentException">A malformed score name or item id, a value that is not finite, or an empty id list.</exception>
    public static ResultFilter? From(ResultQuery query, string parameter)
    {
        if (query.ScoreBelow is { } below)
        {
            Guard.Name(below.Name, parameter + ".ScoreBelow.Name");
            if (!double.IsFinite(below.Value))
            {
                throw new ArgumentOutOfRangeException(parameter + ".ScoreBelow.Value", below.Value, "The value to compare scores with must be a finite number.");
            }
        }

        HashSet<string>? itemIds = null;
        if (query.ItemIds is { } ids)
        {
            itemIds = ids.Count > 0
                ? new HashSet<string>(ids.Select(id => Guard.Name(id, parameter + ".ItemIds")), StringComparer.Ordinal)
                : throw new ArgumentException("An empty id list would list no result; leave it null to list every item's, or list at least one id.", parameter + ".ItemIds");
        }

        return query.FailedOnly || query.ScoreBelow is not null || itemIds is not null ? new ResultFilter(query.FailedOnly, query.ScoreBelow, itemIds) : null;
    }

    /// <summary>Whether a stored result meets every condition.</summary>
    /// <exception cref="StoreDamage">Its body cannot be read (only with a score condition).</exception>
    public bool Matches(ResultRow row)
    {
        if ((_failedOnly && !row.Failed) || (_itemIds is not null && !_itemIds.Contains(row.ItemId)))
        {
            return false;
        }

        if (_scoreBelow is not { } below)
        {
            return true;
        }

        foreach (var score in ResultBody.Read(row.Body, row.RecordedAt).Scores)
        {
            if (string.Equals(score.Name, below.Name, StringComparison.Ordinal))
            {
                return score.Value < below.Value;
            }
        }

        return false;
    }
}
