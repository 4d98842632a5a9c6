using System.Buffers;
using System.Globalization;
using System.Text;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Makes text from a store safe to print to a terminal. Data may hold control characters: an ANSI escape
/// sequence would recolour the terminal, set its window title or clear the screen, and a lone carriage return
/// would overwrite what the line showed. Every control character (U+0000–U+001F, U+007F–U+009F) is written
/// as its JSON escape instead — <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c>, or <c>\u001B</c> and
/// the like — so the text reads as the <c>--json</c> output spells it.
/// </summary>
internal static class TerminalText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    /// <summary>
    /// Gets <paramref name="text"/> with its control characters escaped. With <paramref name="keepLines"/>,
    /// line feeds and tabs stay as they are, for text shown over several lines; with <paramref name="keepCrLf"/>
    /// too, so do carriage returns that end a line (<c>\r\n</c>), for text printed as it is. A carriage return
    /// is escaped inside a table or panel, where it would send the cursor back over the border.
    /// </summary>
    public static string Escape(string text, bool keepLines = false, bool keepCrLf = false)
    {
        var first = text.AsSpan().IndexOfAny(Controls);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            var kept = c is '\n' or '\t' ? keepLines : c == '\r' && keepCrLf && i + 1 < text.Length && text[i + 1] == '\n';
            if (!Controls.Contains(c) || kept)
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\b' => @"\b",
                '\f' => @"\f",
                _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
            });
        }

        return escaped.ToString();
    }
}
