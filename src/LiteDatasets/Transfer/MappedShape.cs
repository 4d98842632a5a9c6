using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Transfer;

/// <summary>
/// Writes items back in the shape an import mapping read them from, the inverse of <see cref="RecordMapper"/>:
/// the external id goes to the key field, the input to its field (or, from an input object, each of its
/// members to the field it came from), the expected output and each mapped metadata member to theirs. JSON
/// Pointers create the objects and arrays they pass through. Fields are written key first, then the input,
/// the expected output and the metadata, each in the mapping's order; what an item lacks is left out.
/// </summary>
internal sealed class MappedShape
{
    private readonly MappingPlan _plan;

    private MappedShape(MappingPlan plan)
    {
        _plan = plan;
        Columns = [.. plan.Fields.Select(p => p.Top).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets the top-level fields, in order: the columns of a CSV or TSV file.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads a mapping for export; null for the native shape.</summary>
    /// <exception cref="ArgumentException">The mapping is malformed, or one field lies inside another.</exception>
    public static MappedShape? From(FieldMapping? mapping, string parameter)
    {
        var plan = MappingPlan.From(mapping ?? FieldMapping.Native, parameter);
        if (plan.IsNative)
        {
            return null;
        }

        var paths = plan.Fields.ToList();
        foreach (var outer in paths)
        {
            var inner = paths.FirstOrDefault(p => !ReferenceEquals(p, outer) && p.StartsWith(outer));
            if (inner is not null)
            {
                throw new ArgumentException(
                    $"The field '{Errors.Shorten(inner.Text)}' lies inside the field '{Errors.Shorten(outer.Text)}', so both cannot be written; map the fields so that none holds another.", parameter);
            }
        }

        return new MappedShape(plan);
    }

    /// <summary>Builds an item's record.</summary>
    /// <exception cref="ArgumentException">A field cannot be written (an array index past the end of its array).</exception>
    public JsonObject Build(DatasetItem item)
    {
        var record = new JsonObject();
        if (_plan.Key is { } key && item.ExternalId is { } externalId)
        {
            Put(record, key, JsonValue.Create(externalId), item);
        }

        if (_plan.Inputs.Count == 1)
        {
            Put(record, _plan.Inputs[0], item.Input.DeepClone(), item);
        }
        else
        {
            foreach (var path in _plan.Inputs)
            {
                if (item.Input is JsonObject input && input.TryGetPropertyValue(path.Name, out var value))
                {
                    Put(record, path, value?.DeepClone(), item);
                }
            }
        }

        if (_plan.Expected is { } expected && item.ExpectedOutput is { } output)
        {
            Put(record, expected, output.DeepClone(), item);
        }

        foreach (var path in _plan.Metadata)
        {
            if (item.Metadata is { } metadata && metadata.TryGetPropertyValue(path.Name, out var value))
            {
                Put(record, path, value?.DeepClone(), item);
            }
        }

        return record;
    }

    /// <summary>Gets the cells of a record, one per column: a string as it is, another value as JSON text behind a text marker if it needs one, nothing as an empty cell.</summary>
    public IEnumerable<string?> Cells(JsonObject record) => Cells(record, ItemWriter.JsonCell);

    /// <summary>Gets the cells of a record, one per column: a string as it is, another value as <paramref name="text"/> makes it, nothing as null.</summary>
    public IEnumerable<string?> Cells(JsonObject record, Func<JsonNode, string?> text) =>
        Columns.Select(column => record.TryGetPropertyValue(column, out var value) && value is not null
            ? value is JsonValue plain && plain.TryGetValue<string>(out var s) ? s : text(value)
            : null);

    private static void Put(JsonObject record, FieldPath path, JsonNode? value, DatasetItem item)
    {
        if (!path.TryWrite(record, value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The item '{item.Id}' cannot be written at '{Errors.Shorten(path.Text)}': an array on the way has no element before that index; map array elements from index 0 on."));
        }
    }
}
