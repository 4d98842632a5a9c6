using System.Text.RegularExpressions;
using global::Json.Schema;

namespace LiteDatasets.Schemas;

/// <summary>
/// Bounds the regular expressions of a compiled schema. JsonSchema.Net compiles <c>pattern</c> and
/// <c>patternProperties</c> without a match timeout, so a catastrophic pattern could hang a write; after a
/// schema is built, every such expression is replaced by a <see cref="BudgetedRegex"/> of the same pattern. A
/// match may run for <see cref="MatchTimeout"/> at most, and for no longer than what is left of its call's
/// <see cref="PatternBudget"/>. A match that runs into the per-match limit fails the item's validation; one that
/// spends the call's budget refuses the call.
/// </summary>
internal static class BoundedPatterns
{
    /// <summary>The longest one match may run.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Replaces every pattern of the schema's nodes by a bounded one.</summary>
    public static void Apply(JsonSchemaNode root)
    {
        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchemaNode>([root]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var keyword in node.Keywords)
            {
                keyword.Value = keyword.Value switch
                {
                    Regex regex => Bound(regex),
                    Dictionary<string, Regex> patterns => patterns.ToDictionary(p => p.Key, p => (Regex)Bound(p.Value)),
                    var other => other,
                };
                foreach (var subschema in keyword.Subschemas)
                {
                    pending.Push(subschema);
                }
            }
        }
    }

    private static BudgetedRegex Bound(Regex regex) => new(regex.ToString(), regex.Options & ~RegexOptions.Compiled, MatchTimeout);
}
