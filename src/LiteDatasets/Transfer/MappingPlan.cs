using System.Text.Json.Nodes;

namespace LiteDatasets.Transfer;

/// <summary>
/// A <see cref="FieldMapping"/> checked once and read into paths, for every format alike: import maps each
/// record (a JSON object, whatever the file) through it, and export writes each item back through it.
/// </summary>
internal sealed class MappingPlan
{
    private MappingPlan(FieldMapping mapping)
    {
        Mapping = mapping;
        Inputs = [.. (mapping.Input ?? []).Select(FieldPath.Parse)];
        Expected = mapping.ExpectedOutput is { } expected ? FieldPath.Parse(expected) : null;
        Key = mapping.Key is { } key ? FieldPath.Parse(key) : null;
        Metadata = [.. (mapping.Metadata ?? []).Select(FieldPath.Parse).DistinctBy(p => p.Text, StringComparer.Ordinal)];
        Constants = mapping.ConstantMetadata ?? new Dictionary<string, JsonNode?>();
    }

    /// <summary>Gets the mapping as given.</summary>
    public FieldMapping Mapping { get; }

    /// <summary>Gets whether records have the native shape.</summary>
    public bool IsNative => Mapping.IsNative;

    /// <summary>Gets the fields that make the input.</summary>
    public IReadOnlyList<FieldPath> Inputs { get; }

    /// <summary>Gets the field of the expected output, if any.</summary>
    public FieldPath? Expected { get; }

    /// <summary>Gets the key field, if any.</summary>
    public FieldPath? Key { get; }

    /// <summary>Gets the metadata fields, each once.</summary>
    public IReadOnlyList<FieldPath> Metadata { get; }

    /// <summary>Gets the metadata set on every item.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Constants { get; }

    /// <summary>Gets whether a record's number in the file is its key.</summary>
    public bool KeyFromLine => Mapping.KeyFromLine;

    /// <summary>Gets every field the mapping reads, key first.</summary>
    public IEnumerable<FieldPath> Fields => new[] { Key }.Concat(Inputs).Append(Expected).Concat(Metadata).OfType<FieldPath>();

    /// <summary>Checks a mapping and reads it.</summary>
    /// <exception cref="ArgumentException">The mapping contradicts itself, or names a field badly.</exception>
    public static MappingPlan From(FieldMapping? mapping, string parameter)
    {
        mapping = mapping ?? throw new ArgumentException("The mapping may not be null; use FieldMapping.Native for the native shape.", parameter);
        if (mapping.IsNative && ((mapping.ExpectedOutput ?? mapping.Key) is not null || mapping.Metadata is { Count: > 0 }
            || mapping.ConstantMetadata is { Count: > 0 } || mapping.KeyFromLine))
        {
            throw new ArgumentException("The mapping names an expected-output, metadata or key field but no input field; name the input field(s) too.", parameter);
        }

        var named = (mapping.Input ?? []).Concat(mapping.Metadata ?? []).Append(mapping.ExpectedOutput).Append(mapping.Key).Where(n => n is not null);
        if (named.Any(string.IsNullOrWhiteSpace) || (mapping.ConstantMetadata?.Keys ?? []).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A field name in the mapping is empty; name each field.", parameter);
        }

        if (mapping.Key is not null && mapping.KeyFromLine)
        {
            throw new ArgumentException("The mapping takes the key both from a field and from the line number; choose one.", parameter);
        }

        var plan = new MappingPlan(mapping);
        plan.CheckNames(parameter);
        return plan;
    }

    /// <summary>Refuses two fields that would take the same name in the input or the metadata, and a constant that clashes with a field.</summary>
    private void CheckNames(string parameter)
    {
        Distinct(Inputs, "input", "in the input object", parameter);
        var metadata = Distinct(Metadata, "metadata", "in the metadata", parameter);
        var clash = Constants.Keys.FirstOrDefault(metadata.ContainsKey);
        if (clash is not null)
        {
            throw new ArgumentException(
                $"The metadata field '{Errors.Shorten(clash)}' is both mapped from the field '{Errors.Shorten(metadata[clash])}' and set to a constant; drop one of them.", parameter);
        }
    }

    /// <summary>Returns each path's text by its name; refuses a path given twice, or two paths with one name.</summary>
    private static Dictionary<string, string> Distinct(IEnumerable<FieldPath> paths, string role, string where, string parameter)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (names.TryGetValue(path.Name, out var other))
            {
                throw new ArgumentException(other == path.Text
                    ? $"An {role} field is named twice; name each once."
                    : $"The {role} fields '{Errors.Shorten(other)}' and '{Errors.Shorten(path.Text)}' would both be named '{Errors.Shorten(path.Name)}' {where}; map one of them differently.", parameter);
            }

            names.Add(path.Name, path.Text);
        }

        return names;
    }
}
