using System.Globalization;
using System.Text;

namespace LiteDatasets.Json;

/// <summary>
/// The path from a payload's root to the node being walked. Kept as tokens and turned into a JSON Pointer
/// only when a problem is reported, so that walking valid payloads allocates no pointer strings.
/// </summary>
internal sealed class PathStack
{
    private readonly List<object> _tokens = [];

    /// <summary>Gets the number of tokens (the depth of the current node).</summary>
    public int Count => _tokens.Count;

    public void Push(string key) => _tokens.Add(key);

    public void Push(int index) => _tokens.Add(index);

    public void Pop() => _tokens.RemoveAt(_tokens.Count - 1);

    /// <summary>Returns the RFC 6901 pointer of the current node ("" for the root).</summary>
    public string ToPointer()
    {
        var builder = new StringBuilder();
        foreach (var token in _tokens)
        {
            builder.Append('/');
            builder.Append(token is int index ? index.ToString(CultureInfo.InvariantCulture) : JsonPointer.Escape((string)token));
        }

        return builder.ToString();
    }
}
