using System.Text;
using LiteDatasets.Json;

namespace LiteDatasets.Services;

/// <summary>
/// An experiment's declared scorers (score name to scorer version; names are case-sensitive). Stored as a canonical
/// UTF-8 JSON object, so that equal declarations are equal bytes; no declaration is stored as nothing.
/// </summary>
internal static class ExperimentScorers
{
    /// <summary>Checks the declaration and returns its stored form, or null when it declares none.</summary>
    /// <exception cref="ArgumentException">A name or a version is malformed.</exception>
    public static byte[]? Encode(IReadOnlyDictionary<string, string>? scorers, string parameter)
    {
        if (scorers is null || scorers.Count == 0)
        {
            return null;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, version) in scorers)
        {
            sorted[Guard.Name(name, parameter)] = Guard.Label(version, parameter);
        }

        var text = new StringBuilder("{");
        foreach (var (name, version) in sorted)
        {
            PayloadEncoder.AppendCanonicalString(text.Append(text.Length > 1 ? "," : ""), name);
            PayloadEncoder.AppendCanonicalString(text.Append(':'), version);
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    /// <summary>Reads a stored declaration into a fresh map in ordinal order of the names.</summary>
    public static IReadOnlyDictionary<string, string> FromStored(byte[]? stored)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (stored is not null)
        {
            foreach (var (name, version) in PayloadEncoder.Parse(stored).AsObject())
            {
                map[name] = version!.GetValue<string>();
            }
        }

        return map;
    }
}
