using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Reads the values of a repeatable <c>KEY=VALUE</c> option (<c>--meta</c>, <c>--set-metadata</c>): the value is
/// JSON when it parses as JSON (<c>n=3</c> is a number, <c>ok=true</c> a boolean, <c>k="3"</c> a string), else
/// the text as it is (<c>split=test</c> is the string "test"). A key given twice keeps its last value.
/// </summary>
internal static class KeyValueOption
{
    /// <summary>Parses the values given to <paramref name="option"/>.</summary>
    /// <exception cref="CliException">A value has no <c>=</c>, or nothing before it.</exception>
    public static Dictionary<string, JsonNode?> Parse(IEnumerable<string> values, string option)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var pair in values)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Invalid($"The value '{pair}' of {option} is not KEY=VALUE; write for example {option} split=test.");
            }

            var text = pair[(equals + 1)..];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                value = JsonValue.Create(text);
            }

            result[pair[..equals]] = value;
        }

        return result;
    }
}
