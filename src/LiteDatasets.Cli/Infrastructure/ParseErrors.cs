using System.Text.RegularExpressions;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>Turns the parser's messages into sentences in the tool's terms (an option's name, not a .NET type).</summary>
internal static partial class ParseErrors
{
    /// <summary>Rewrites a parser message; one this does not know is kept as it is.</summary>
    /// <param name="message">The parser's message.</param>
    /// <param name="args">The command line, to find which option was given the value.</param>
    public static string Readable(string message, IReadOnlyList<string> args)
    {
        var conversion = FailedConversion().Match(message);
        if (!conversion.Success)
        {
            return message;
        }

        var value = conversion.Groups["value"].Value;
        var expected = conversion.Groups["type"].Value switch
        {
            "Int32" => "a whole number up to 2147483647",
            "Int64" => "a whole number",
            "Double" or "Decimal" => "a number",
            "Boolean" => "true or false",
            var other => "a value of type " + other,
        };
        return OptionGiven(value, args) is { } option
            ? $"{option} takes {expected}; '{value}' is not one."
            : $"'{value}' is not {expected}.";
    }

    /// <summary>Finds the option that was given <paramref name="value"/> (<c>--name value</c> or <c>--name=value</c>).</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
            {
                return args[i][..^(value.Length + 1)];
            }

            if (i > 0 && args[i] == value && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>\w+)\.?$", RegexOptions.Singleline)]
    private static partial Regex FailedConversion();
}
