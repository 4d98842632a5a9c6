using System.Text.Json.Nodes;

namespace LiteDatasets.Json;

/// <summary>
/// Lists the leaf JSON Pointers at which two payloads differ. Objects are compared key by key (a key on one
/// side only is reported at its own path), arrays index by index (an element on one side only likewise),
/// and values by canonical text, so <c>1</c> and <c>1.0</c> differ.
/// </summary>
internal static class JsonDiff
{
    /// <summary>Lists the pointers at which two states of an item (its input, expected output and metadata) differ, sorted ordinally.</summary>
    public static List<string> ItemPaths(
        (JsonNode? Input, JsonNode? Expected, JsonNode? Metadata) before, (JsonNode? Input, JsonNode? Expected, JsonNode? Metadata) after)
    {
        var paths = new List<string>();
        Compare(before.Input, after.Input, "/input", paths);
        Compare(before.Expected, after.Expected, "/expectedOutput", paths);
        Compare(before.Metadata, after.Metadata, "/metadata", paths);
        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    /// <summary>Adds to <paramref name="paths"/> every pointer under <paramref name="root"/> where the two nodes differ.</summary>
    public static void Compare(JsonNode? before, JsonNode? after, string root, List<string> paths)
    {
        if (ItemContent.IsNull(before) || ItemContent.IsNull(after))
        {
            if (ItemContent.IsNull(before) != ItemContent.IsNull(after))
            {
                paths.Add(root);
            }

            return;
        }

        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                CompareObjects(a, b, root, paths);
                break;
            case (JsonArray a, JsonArray b):
                CompareArrays(a, b, root, paths);
                break;
            default:
                if (PayloadEncoder.ToCanonicalText(before!) != PayloadEncoder.ToCanonicalText(after!))
                {
                    paths.Add(root);
                }

                break;
        }
    }

    /// <summary>Adds the paths of the members that differ between two objects: changed, removed, then added ones.</summary>
    private static void CompareObjects(JsonObject a, JsonObject b, string root, List<string> paths)
    {
        foreach (var (key, value) in a)
        {
            var path = root + "/" + JsonPointer.Escape(key);
            if (b.TryGetPropertyValue(key, out var other))
            {
                Compare(value, other, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }

        foreach (var (key, _) in b)
        {
            if (!a.ContainsKey(key))
            {
                paths.Add(root + "/" + JsonPointer.Escape(key));
            }
        }
    }

    /// <summary>Adds the paths of the elements that differ between two arrays, index by index.</summary>
    private static void CompareArrays(JsonArray a, JsonArray b, string root, List<string> paths)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var path = root + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (i < a.Count && i < b.Count)
            {
                Compare(a[i], b[i], path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }
}
