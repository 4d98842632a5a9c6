using System.Text;
using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Storage;
using LiteDatasets.Transfer;

namespace LiteDatasets.Services;

/// <summary>
/// A staleness policy, checked: its paths as JSON Pointers into an item's three parts. It judges what an item's change
/// between two versions means for a stored result, from the changed paths the diff lists: a changed path at or under a
/// policy path matches it; one above it (a part or an object that appeared, vanished or changed type) matches only if
/// the value at the policy path itself differs, which is then read from both revisions.
/// </summary>
internal sealed class StalenessRules
{
    private static readonly string[] Parts = ["/input", "/expectedOutput", "/metadata"];

    private readonly string[] _rerun;
    private readonly string[] _rescore;

    private StalenessRules(string[] rerun, string[] rescore)
    {
        _rerun = rerun;
        _rescore = rescore;
    }

    /// <summary>Checks a policy.</summary>
    /// <exception cref="ArgumentException">A path list is null, or a path is not a pointer into an item's input, expected output or metadata.</exception>
    public static StalenessRules From(StalenessPolicy policy, string parameter)
    {
        Guard.NotNull(policy, parameter);
        return new StalenessRules(
            Check(policy.RerunPaths, parameter + ".RerunPaths"),
            Check(policy.RescorePaths, parameter + ".RescorePaths"));
    }

    /// <summary>Gets the rules of <see cref="StalenessPolicy.Default"/>.</summary>
    public static StalenessRules Default { get; } = From(StalenessPolicy.Default, "policy");

    /// <summary>Gets the stored form: canonical UTF-8 JSON <c>{"rerun":[…],"rescore":[…]}</c>.</summary>
    public byte[] Stored
    {
        get
        {
            var text = new StringBuilder("{\"rerun\":[");
            AppendList(text, _rerun);
            text.Append("],\"rescore\":[");
            AppendList(text, _rescore);
            return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
        }
    }

    /// <summary>Reads a stored policy; null is the default one.</summary>
    public static StalenessRules FromStored(byte[]? stored)
    {
        if (stored is null)
        {
            return Default;
        }

        var root = PayloadEncoder.Parse(stored).AsObject();
        return new StalenessRules(Strings(root["rerun"]), Strings(root["rescore"]));
    }

    /// <summary>Builds the public policy.</summary>
    public StalenessPolicy ToPolicy() => new() { RerunPaths = [.. _rerun], RescorePaths = [.. _rescore] };

    /// <summary>
    /// Judges a change of an item live at both versions: <see cref="StalenessState.Rerun"/>, <see cref="StalenessState.Rescore"/>,
    /// or <see cref="StalenessState.Fresh"/> when no changed path matches; and lists the changed paths (sorted ordinally).
    /// </summary>
    public (StalenessState State, List<string> Paths) Judge(RevisionRow before, RevisionRow after)
    {
        var paths = ChangedPaths(before, after);
        var state = Matches(_rerun, paths, before, after) ? StalenessState.Rerun
            : Matches(_rescore, paths, before, after) ? StalenessState.Rescore
            : StalenessState.Fresh;
        return (state, paths);
    }

    /// <summary>Lists the paths at which two revisions of an item differ, as a diff of the two versions does.</summary>
    public static List<string> ChangedPaths(RevisionRow before, RevisionRow after) => JsonDiff.ItemPaths(Contents(before), Contents(after));

    private static bool Matches(string[] rules, List<string> paths, RevisionRow before, RevisionRow after)
    {
        foreach (var rule in rules)
        {
            foreach (var path in paths)
            {
                if (path == rule || path.StartsWith(rule + "/", StringComparison.Ordinal))
                {
                    return true;
                }

                if (rule.StartsWith(path + "/", StringComparison.Ordinal) && ValueAt(before, rule) != ValueAt(after, rule))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Returns the canonical text of the value at a pointer of a revision (<c>null</c> for a JSON null), or null when the pointer finds nothing.</summary>
    private static string? ValueAt(RevisionRow row, string pointer)
    {
        var path = FieldPath.Parse(pointer);
        var stored = path.Top switch
        {
            "input" => row.Input,
            "expectedOutput" => row.Expected,
            _ => row.Metadata,
        };
        var record = new JsonObject();
        if (stored is not null)
        {
            record[path.Top] = PayloadEncoder.Parse(stored);
        }

        return !path.TryRead(record, out var node) ? null : node is null ? "null" : PayloadEncoder.ToCanonicalText(node);
    }

    private static (JsonNode? Input, JsonNode? Expected, JsonNode? Metadata) Contents(RevisionRow row) => (Parse(row.Input), Parse(row.Expected), Parse(row.Metadata));

    private static string[] Strings(JsonNode? list) => [.. list!.AsArray().Select(n => n!.GetValue<string>())];

    private static void AppendList(StringBuilder text, string[] paths)
    {
        for (var i = 0; i < paths.Length; i++)
        {
            text.Append(i == 0 ? "" : ",");
            PayloadEncoder.AppendCanonicalString(text, paths[i]);
        }
    }

    private static JsonNode? Parse(byte[]? stored) => stored is null ? null : PayloadEncoder.Parse(stored);

    private static string[] Check(IReadOnlyList<string>? paths, string parameter)
    {
        Guard.NotNull(paths, parameter);
        foreach (var path in paths)
        {
            var valid = path is not null
                && Parts.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal))
                && !System.Text.RegularExpressions.Regex.IsMatch(path, "~[^01]|~$");
            if (!valid)
            {
                throw new ArgumentException(
                    $"The path '{path}' is not a JSON Pointer into an item: start it with /input, /expectedOutput or /metadata (for example /metadata/difficulty), and write ~ as ~0 and / inside a key as ~1.",
                    parameter);
            }
        }

        return [.. paths.Distinct(StringComparer.Ordinal)];
    }
}
