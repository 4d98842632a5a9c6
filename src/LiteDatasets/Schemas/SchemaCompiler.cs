using System.Collections.Concurrent;
using System.Text.Json;
using global::Json.Schema;
using LiteDatasets.Json;

namespace LiteDatasets.Schemas;

/// <summary>
/// Compiles JSON Schemas, refusing invalid ones with a clear message, and caches them by content (never
/// by dataset): two datasets with the same schema share one compiled form, and a changed schema is a new
/// cache entry, so a stale compiled schema cannot be used.
/// </summary>
internal static class SchemaCompiler
{
    private const int MaxCached = 256;

    private static readonly ConcurrentDictionary<string, JsonSchema> s_cache = new(StringComparer.Ordinal);

    // Every write to a dataset with schemas asks again for the same stored text: it is found here without
    // being parsed and canonicalised first.
    private static readonly ConcurrentDictionary<string, JsonSchema> s_byText = new(StringComparer.Ordinal);

    /// <summary>Returns the compiled schema for stored schema text.</summary>
    /// <exception cref="ArgumentException">The text is not a valid draft 2020-12 or draft 7 schema.</exception>
    public static JsonSchema Compile(string schemaText, string parameter)
    {
        if (s_byText.TryGetValue(schemaText, out var known))
        {
            return known;
        }

        var key = PayloadEncoder.CanonicalOfStored(schemaText);
        if (!s_cache.TryGetValue(key, out var compiled))
        {
            compiled = s_cache.GetOrAdd(key, Build(schemaText, parameter));
        }

        if (s_byText.Count >= MaxCached)
        {
            s_byText.Clear();
            s_cache.Clear();
        }

        return s_byText.GetOrAdd(schemaText, compiled);
    }

    private static JsonSchema Build(string schemaText, string parameter)
    {
        using var document = JsonDocument.Parse(schemaText);
        var root = document.RootElement;
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new ArgumentException($"A JSON Schema must be an object or a boolean; {parameter} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}.", parameter);
        }

        var meta = MetaSchemaFor(root, parameter);
        var check = meta.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!check.IsValid)
        {
            var problems = SchemaCheck.Errors(check).Take(3).Select(e => $"at '{e.Pointer}': {e.Message}");
            throw new ArgumentException($"{parameter} is not a valid JSON Schema ({string.Join("; ", problems)}).", parameter);
        }

        JsonSchema schema;
        try
        {
            // A registry of its own: schemas with the same $id in two datasets must not meet.
            schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or RefResolutionException)
        {
            throw new ArgumentException($"{parameter} is not a valid JSON Schema: {ex.Message}", parameter, ex);
        }

        BoundedPatterns.Apply(schema.Root);
        return schema;
    }

    /// <summary>Returns the meta-schema of the dialect a schema declares (draft 2020-12 when it declares none).</summary>
    private static JsonSchema MetaSchemaFor(JsonElement root, string parameter)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("$schema", out var declared))
        {
            return MetaSchemas.Draft202012;
        }

        var known = new[] { (MetaSchemas.Draft202012Id, MetaSchemas.Draft202012), (MetaSchemas.Draft201909Id, MetaSchemas.Draft201909), (MetaSchemas.Draft7Id, MetaSchemas.Draft7), (MetaSchemas.Draft6Id, MetaSchemas.Draft6) };
        if (declared.ValueKind == JsonValueKind.String && Uri.TryCreate(declared.GetString(), UriKind.Absolute, out var uri))
        {
            foreach (var (id, meta) in known)
            {
                if (SameDialect(uri, id))
                {
                    return meta;
                }
            }
        }

        throw new ArgumentException($"{parameter} declares the dialect {declared.GetRawText()}, which LiteDatasets does not know; use JSON Schema draft 2020-12 (the default), 2019-09, 7 or 6.", parameter);
    }

    private static bool SameDialect(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Path).TrimEnd('/'), b.GetLeftPart(UriPartial.Path).TrimEnd('/'), StringComparison.Ordinal);
}
