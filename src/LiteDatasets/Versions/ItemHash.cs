using LiteDatasets.Json;

namespace LiteDatasets;

/// <summary>
/// The hash of an item's content with its id and external id: its term of the dataset's fingerprint, and what results
/// of experiments are stamped with (<see cref="ExperimentResult.ItemHash"/>). Two items have the same hash exactly when
/// they have the same id, external id and content, compared as canonical JSON (key order and whitespace aside).
/// </summary>
public static class ItemHash
{
    /// <summary>Computes the hash of an item as a store reads it back.</summary>
    /// <param name="item">The item.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException">The item holds JSON a store could not keep (so no store gave it).</exception>
    public static string Of(DatasetItem item)
    {
        Guard.NotNull(item);
        try
        {
            return Convert.ToHexStringLower(ItemContent.Encode(item.Input, item.ExpectedOutput, item.Metadata).Hash(item.Id, item.ExternalId));
        }
        catch (PayloadProblem problem)
        {
            throw new ArgumentException($"The item's '{problem.Pointer}' {problem.Problem}.", nameof(item));
        }
    }
}
