using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LiteDatasets;

/// <summary>Argument checks shared by every public entry point.</summary>
internal static class Guard
{
    /// <summary>The longest dataset name, dataset id, item id or tag accepted.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The longest external id accepted.</summary>
    public const int MaxExternalIdLength = 4096;

    /// <summary>The largest page size accepted by list calls.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Checks a name-like value: not null, 1 to <paramref name="maxLength"/> characters, no control characters.</summary>
    public static string Name(string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null, int maxLength = MaxNameLength)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Length > maxLength)
        {
            throw new ArgumentException($"The value must be 1 to {maxLength} characters long; it has {value.Length}.", parameter);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The value '{value}' contains a control character (U+{(int)c:X4}); remove it.", parameter);
            }
        }

        return ValidText(value, parameter);
    }

    /// <summary>
    /// Checks a new tag: a name that is not made only of digits, which everywhere (the tool's <c>--at</c>, a diff's
    /// ends) means a version number, so such a tag could never be used. Existing tags are checked with <see cref="Name"/> only.
    /// </summary>
    public static string NewTag(string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        var tag = Name(value, parameter);
        if (tag.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"The tag '{value}' is made only of digits, which always means a version number; give the tag a name with a letter or a sign in it (for example 'v{value}').", parameter);
        }

        return tag;
    }

    /// <summary>Checks an external id: not null and 1 to 4,096 characters (any characters).</summary>
    public static string ExternalId(string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Length > MaxExternalIdLength)
        {
            throw new ArgumentException($"An external id must be 1 to {MaxExternalIdLength} characters long; it has {value.Length}.", parameter);
        }

        return ValidText(value, parameter);
    }

    /// <summary>Checks a free-form label (a task or scorer version): not null, 1 to 4,096 characters (any characters).</summary>
    public static string Label(string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Length > MaxExternalIdLength)
        {
            throw new ArgumentException($"The value must be 1 to {MaxExternalIdLength} characters long; it has {value.Length}.", parameter);
        }

        return ValidText(value, parameter);
    }

    /// <summary>Checks optional free text (a description): any length, but valid Unicode, so that it is stored exactly.</summary>
    public static string? OptionalText(string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null) =>
        value is null ? null : ValidText(value, parameter);

    /// <summary>Refuses text that is not valid UTF-16 (a lone surrogate), which cannot be stored.</summary>
    private static string ValidText(string value, string? parameter)
    {
        if (Json.UnicodeText.HasLoneSurrogate(value))
        {
            throw new ArgumentException("The value contains a lone surrogate, which is not valid Unicode text; fix the string.", parameter);
        }

        return value;
    }

    /// <summary>Checks a page size.</summary>
    public static int PageSize(int value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        if (value is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"The page size must be between 1 and {MaxPageSize}.");
        }

        return value;
    }

    /// <summary>Checks that a count lies in <c>[min, max]</c>.</summary>
    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, parameter);
        return value;
    }

    /// <summary>Checks that a value is given.</summary>
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return value;
    }

    /// <summary>Checks that a text is given and holds more than white space (paths, connection strings).</summary>
    public static string NotBlank([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        return value;
    }

    /// <summary>Checks that a text is given and not empty (keys, where white space is as good as any character).</summary>
    public static string NotEmpty([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        return value;
    }

    /// <summary>Checks that a duration is longer than zero (timeouts).</summary>
    public static TimeSpan Positive(TimeSpan value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, parameter);
        return value;
    }

    /// <summary>Checks that a time span is positive or <see cref="Timeout.InfiniteTimeSpan"/> (no bound).</summary>
    public static TimeSpan PositiveOrInfinite(TimeSpan value, [CallerArgumentExpression(nameof(value))] string? parameter = null) =>
        value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(parameter, value, "The time must be longer than zero, or Timeout.InfiniteTimeSpan for no bound.");

    /// <summary>Checks that an index is not negative.</summary>
    public static long NotNegative(long value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, parameter);
        return value;
    }

    /// <summary>Checks that an amount is not negative.</summary>
    public static decimal NotNegative(decimal value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, parameter);
        return value;
    }

    /// <summary>Checks that an enum value is one of its type's members (a cast integer may be anything).</summary>
    public static T Defined<T>(T value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{value} is not a {typeof(T).Name}; use one of: {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }
}
