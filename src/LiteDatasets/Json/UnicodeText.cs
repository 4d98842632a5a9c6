namespace LiteDatasets.Json;

/// <summary>Whether .NET strings are valid Unicode text, which UTF-8 (and so a store file) can hold.</summary>
internal static class UnicodeText
{
    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not part of a pair.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return false;
        }

        for (var i = first; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
