using System.Text;

namespace LiteDatasets.Tests;

/// <summary>Reads C# source for the tests that check the shape of the code.</summary>
public static class SourceCode
{
    /// <summary>
    /// Returns C# source with comments, string literals (regular, verbatim, interpolated and raw) and character
    /// literals blanked out; every line break is kept, so line numbers in the result are those of the source.
    /// </summary>
    public static string WithoutCommentsAndStrings(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var end = EndOfCommentOrLiteral(source, i);
            if (end == i)
            {
                code.Append(source[i++]);
                continue;
            }

            code.Append(' ').Append('\n', source.AsSpan(i, end - i).Count('\n'));
            i = end;
        }

        return code.ToString();
    }

    /// <summary>The index just past the comment or literal that starts at <paramref name="i"/>; <paramref name="i"/> itself when none starts there.</summary>
    private static int EndOfCommentOrLiteral(string source, int i)
    {
        var rest = source.AsSpan(i);
        if (rest.StartsWith("//"))
        {
            var line = source.IndexOf('\n', i);
            return line < 0 ? source.Length : line;
        }

        if (rest.StartsWith("/*"))
        {
            return SkipTo(source, i + 2, "*/");
        }

        if (rest[0] == '\'')
        {
            return SkipQuoted(source, i + 1, '\'');
        }

        var prefix = rest.Length - rest.TrimStart("$@").Length;
        if (prefix >= rest.Length || rest[prefix] != '"' || (prefix > 0 && i > 0 && IsIdentifierPart(source[i - 1])))
        {
            return i;
        }

        var start = i + prefix;
        if (source.AsSpan(start).StartsWith("\"\"\""))
        {
            var quotes = source.AsSpan(start).Length - source.AsSpan(start).TrimStart('"').Length;
            return SkipTo(source, start + quotes, new string('"', quotes));
        }

        return rest[..prefix].Contains('@') ? SkipVerbatim(source, start + 1) : SkipQuoted(source, start + 1, '"');
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipTo(string source, int from, string end)
    {
        var at = source.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? source.Length : at + end.Length;
    }

    private static int SkipVerbatim(string source, int i)
    {
        while (i < source.Length)
        {
            if (source[i] == '"' && (i + 1 >= source.Length || source[i + 1] != '"'))
            {
                return i + 1;
            }

            i += source[i] == '"' ? 2 : 1;
        }

        return i;
    }

    private static int SkipQuoted(string source, int i, char quote)
    {
        while (i < source.Length && source[i] != quote && source[i] != '\n')
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, source.Length);
    }
}
