using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>
/// Turns a record's fields into a draft as a <see cref="MappingPlan"/> says, or names what is wrong with
/// it. For a mapped CSV shape (<paramref name="emptyIsAbsent"/>) an empty string means "absent" for the key,
/// expected output and metadata; the native CSV shape leaves its empty cells out before mapping.
/// </summary>
internal sealed class RecordMapper(MappingPlan mapping, ImportMode mode, bool emptyIsAbsent)
{
    public const string IdField = "id";
    public const string ExternalIdField = "externalId";
    public const string InputField = "input";
    public const string ExpectedField = "expectedOutput";
    public const string MetadataField = "metadata";

    private static readonly string[] NativeFields = [IdField, ExternalIdField, InputField, ExpectedField, MetadataField];

    /// <summary>Gets the mapping.</summary>
    public MappingPlan Plan => mapping;

    /// <summary>Gets whether an empty cell means "absent" (CSV).</summary>
    public bool EmptyIsAbsent => emptyIsAbsent;

    /// <summary>Gets what the key of a draft is called in messages.</summary>
    public string KeyName => mapping.IsNative ? ExternalIdField : mapping.Key is { } key ? $"key '{key.Text}'" : "key";

    /// <summary>Maps a record, whose number in the file is <paramref name="number"/> (its key when the mapping takes keys from lines); returns the problem (and no draft), or null.</summary>
    public string? Map(JsonObject fields, long number, out ItemDraft? draft)
    {
        draft = null;
        try
        {
            return mapping.IsNative ? MapNative(fields, ref draft) : MapFields(fields, number, ref draft);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json parses an escaped lone surrogate ("\ud800") lazily and refuses to read it as a string.
            draft = null;
            return TransferErrors.LoneSurrogate();
        }
    }

    private string? MapNative(JsonObject fields, ref ItemDraft? draft)
    {
        foreach (var (name, _) in fields)
        {
            if (!NativeFields.Contains(name, StringComparer.Ordinal))
            {
                return TransferErrors.UnknownNativeField(name);
            }
        }

        if (!fields.TryGetPropertyValue(InputField, out var input))
        {
            return TransferErrors.MissingNativeInput();
        }

        if (ItemContent.IsNull(input))
        {
            return TransferErrors.NullInput(InputField);
        }

        string? externalId = null;
        var problem = ReadString(fields, IdField, out var id) ?? ReadString(fields, ExternalIdField, out externalId);
        if (problem is not null)
        {
            return problem;
        }

        problem = CheckName(IdField, id, static v => Guard.Name(v)) ?? CheckName(ExternalIdField, externalId, static v => Guard.ExternalId(v));
        if (problem is not null)
        {
            return problem;
        }

        if (mode == ImportMode.Sync && externalId is null)
        {
            return TransferErrors.SyncNeedsKey();
        }

        fields.TryGetPropertyValue(MetadataField, out var metadata);
        if (IsAbsent(metadata))
        {
            metadata = null;
        }
        else if (metadata is not JsonObject)
        {
            return TransferErrors.BadMetadata(metadata!.GetValueKind());
        }

        fields.TryGetPropertyValue(ExpectedField, out var expected);
        draft = new ItemDraft(input!)
        {
            Id = id,
            ExternalId = externalId,
            ExpectedOutput = IsAbsent(expected) ? null : expected,
            Metadata = (JsonObject?)metadata,
        };
        return null;
    }

    private string? MapFields(JsonObject fields, long number, ref ItemDraft? draft)
    {
        var (input, inputProblem) = MapInput(fields);
        if (inputProblem is not null)
        {
            return inputProblem;
        }

        var key = mapping.KeyFromLine ? number.ToString(CultureInfo.InvariantCulture) : null;
        if (mapping.Key is { } keyField)
        {
            var problem = ReadKey(fields, keyField, out key) ?? CheckName(keyField.Text, key, static v => Guard.ExternalId(v));
            if (problem is not null)
            {
                return problem;
            }
        }

        JsonObject? metadata = null;
        foreach (var path in mapping.Metadata)
        {
            if (path.TryRead(fields, out var value) && !(emptyIsAbsent && IsEmptyString(value)))
            {
                (metadata ??= [])[path.Name] = value?.DeepClone();
            }
        }

        foreach (var (name, value) in mapping.Constants)
        {
            (metadata ??= [])[name] = value?.DeepClone();
        }

        JsonNode? expected = null;
        if (mapping.Expected is { } expectedField && expectedField.TryRead(fields, out var found) && !IsAbsent(found))
        {
            // The store only reads the nodes, so one node may serve as both input and expected output.
            expected = found;
        }

        draft = new ItemDraft(input!) { ExternalId = key, ExpectedOutput = expected, Metadata = metadata };
        return null;
    }

    /// <summary>The input of a record: its one input field (which must be present and not null), or an object of its input fields; else the problem.</summary>
    private (JsonNode? Input, string? Problem) MapInput(JsonObject fields)
    {
        if (mapping.Inputs.Count == 1)
        {
            var path = mapping.Inputs[0];
            if (!path.TryRead(fields, out var value))
            {
                return (null, TransferErrors.MissingField(path.Text));
            }

            if (ItemContent.IsNull(value))
            {
                return (null, TransferErrors.NullInput(path.Text));
            }

            return (value!, null);
        }
        else
        {
            var obj = new JsonObject();
            foreach (var path in mapping.Inputs)
            {
                if (!path.TryRead(fields, out var value))
                {
                    return (null, TransferErrors.MissingField(path.Text));
                }

                obj[path.Name] = value?.DeepClone();
            }

            return (obj, null);
        }
    }

    private string? ReadKey(JsonObject fields, FieldPath field, out string? key)
    {
        key = null;
        if (!field.TryRead(fields, out var value) || IsAbsent(value))
        {
            return TransferErrors.MissingKey(field.Text);
        }

        var kind = value!.GetValueKind();
        key = kind switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return key is null ? TransferErrors.BadKey(field.Text, kind) : key.Length == 0 ? TransferErrors.MissingKey(field.Text) : null;
    }

    private string? ReadString(JsonObject fields, string field, out string? text)
    {
        text = null;
        if (!fields.TryGetPropertyValue(field, out var value) || IsAbsent(value))
        {
            return null;
        }

        if (value!.GetValueKind() != JsonValueKind.String)
        {
            return TransferErrors.BadString(field, value.GetValueKind());
        }

        text = value.GetValue<string>();
        return null;
    }

    private static string? CheckName(string field, string? value, Action<string> check)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            check(value);
            return null;
        }
        catch (ArgumentException ex)
        {
            return TransferErrors.BadName(field, ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private bool IsAbsent(JsonNode? node) => ItemContent.IsNull(node) || (emptyIsAbsent && IsEmptyString(node));

    private static bool IsEmptyString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length == 0;
}
