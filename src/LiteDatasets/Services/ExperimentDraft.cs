using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// An experiment definition, checked and encoded before any row is read: the id (given or new), the name if given,
/// the pin, and the stored forms of the filter, scorers and metadata. It also tells whether a stored experiment was
/// created from the same definition, which makes creating one again with the same id a no-op.
/// </summary>
internal sealed class ExperimentDraft
{
    private const string Parameter = "definition";

    private ExperimentDraft(ExperimentDefinition definition)
    {
        IdGiven = definition.Id is not null;
        Id = definition.Id is null ? Guid.CreateVersion7().ToString() : Guard.Name(definition.Id, Parameter + ".Id");
        Name = definition.Name is null ? null : ExperimentNames.Check(definition.Name, Parameter + ".Name");
        (Pin, Version, Tag, AsOf) = CheckPin(definition);
        ResolvedFrom = Pin switch
        {
            PinKind.Tag => Tag,
            PinKind.Time => Time.FromUnixMilliseconds(AsOf!.Value.ToUnixTimeMilliseconds()).ToString("O", CultureInfo.InvariantCulture),
            _ => null,
        };
        Scope = ExperimentScope.From(definition.Filter, Parameter + ".Filter");
        Repetitions = Guard.InRange(definition.Repetitions, 1, ExperimentDefinition.MaxRepetitions, Parameter + ".Repetitions");
        TaskVersion = definition.TaskVersion is null ? null : Guard.Label(definition.TaskVersion, Parameter + ".TaskVersion");
        Scorers = ExperimentScorers.Encode(definition.Scorers, Parameter + ".Scorers");
        Description = Guard.OptionalText(definition.Description, Parameter + ".Description");
        (Metadata, MetadataCanonical) = EncodeMetadata(definition.Metadata);
        Rules = definition.Policy is null ? StalenessRules.Default : StalenessRules.From(definition.Policy, Parameter + ".Policy");
        Policy = definition.Policy is null ? null : Rules.Stored;
        CarryFrom = definition.CarryFrom is null ? null : Guard.Name(definition.CarryFrom, Parameter + ".CarryFrom");
    }

    public string Id { get; }

    /// <summary>Gets whether the caller gave the id (only then can the experiment exist already).</summary>
    public bool IdGiven { get; }

    /// <summary>Gets the name given, or null for the default name.</summary>
    public string? Name { get; }

    public PinKind Pin { get; }

    public long? Version { get; }

    public string? Tag { get; }

    public DateTimeOffset? AsOf { get; }

    /// <summary>Gets what the experiment records as <see cref="ExperimentRow.ResolvedFrom"/>.</summary>
    public string? ResolvedFrom { get; }

    public ExperimentScope? Scope { get; }

    public int Repetitions { get; }

    public string? TaskVersion { get; }

    public byte[]? Scorers { get; }

    public string? Description { get; }

    public byte[]? Metadata { get; }

    private string? MetadataCanonical { get; }

    /// <summary>Gets the staleness policy, checked.</summary>
    public StalenessRules Rules { get; }

    /// <summary>Gets the stored form of the policy given, or null when none was.</summary>
    public byte[]? Policy { get; }

    /// <summary>Gets the experiment to carry results from (an id, name or <c>#sequence</c>), or null.</summary>
    public string? CarryFrom { get; }

    /// <summary>Checks a definition.</summary>
    /// <exception cref="ArgumentException">A malformed part, or more than one pin.</exception>
    /// <exception cref="InvalidPayloadException">Metadata that cannot be stored exactly.</exception>
    public static ExperimentDraft From(ExperimentDefinition definition) => new(Guard.NotNull(definition));

    /// <summary>
    /// Says how a stored experiment differs from this definition (as the end of a sentence), or returns null when
    /// it was created from the same one: the same dataset, name (or the default one), pin as given, filter,
    /// repetitions, task version, scorers, description and metadata.
    /// </summary>
    public string? DifferenceFrom(ExperimentRow row, int datasetKey) =>
        row.DatasetKey != datasetKey ? "it belongs to another dataset"
        : row.Name != (Name ?? ExperimentNames.Default(row.Sequence)) ? "its name is another"
        : row.Pin != Pin || (Pin == PinKind.Number && row.DatasetVersion != Version) || row.ResolvedFrom != ResolvedFrom ? "its dataset version was given otherwise"
        : !Same(row.Filter, Scope?.Stored) ? "its filter is another"
        : row.Repetitions != Repetitions ? "its repetitions are another number"
        : row.TaskVersion != TaskVersion ? "its task version is another"
        : !Same(row.Scorers, Scorers) ? "its scorers are others"
        : row.Description != Description ? "its description is another"
        : (row.Metadata is null ? null : PayloadEncoder.ToCanonicalText(PayloadEncoder.Parse(row.Metadata))) != MetadataCanonical ? "its metadata is other"
        : !Same(row.Policy, Policy) ? "its staleness policy is another"
        : (row.CarriedFrom is null) != (CarryFrom is null) ? "it carries results otherwise"
        : null;

    private static (PinKind, long?, string?, DateTimeOffset?) CheckPin(ExperimentDefinition definition)
    {
        var given = (definition.Version is null ? 0 : 1) + (definition.Tag is null ? 0 : 1) + (definition.AsOf is null ? 0 : 1);
        if (given > 1)
        {
            throw new ArgumentException("Pin the dataset version by one of Version, Tag or AsOf, not several; give none for the current version.", Parameter);
        }

        return definition switch
        {
            { Version: { } number } => (PinKind.Number, number, null, null),
            { Tag: { } tag } => (PinKind.Tag, null, Guard.Name(tag, Parameter + ".Tag"), null),
            { AsOf: { } asOf } => (PinKind.Time, null, null, asOf),
            _ => (PinKind.Current, null, null, null),
        };
    }

    /// <summary>Encodes metadata for storing (keeping its key order) and its canonical text (for comparing).</summary>
    public static (byte[]? Stored, string? Canonical) EncodeMetadata(JsonObject? metadata)
    {
        if (metadata is null)
        {
            return (null, null);
        }

        try
        {
            // The canonical form comes from what is stored, so a value that wraps a .NET object agrees with its read-back.
            var stored = PayloadEncoder.ToStoredUtf8(metadata, out _);
            return (stored, PayloadEncoder.ToCanonicalText(PayloadEncoder.Parse(stored)));
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidExperiment("/metadata" + problem.Pointer, problem.Problem);
        }
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null || b is null ? a == b : a.AsSpan().SequenceEqual(b);
}
