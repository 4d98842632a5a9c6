using System.Text.Json;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>Writes a member whose value may be absent: the value, or JSON <c>null</c> (the <c>--json</c> shapes keep every member).</summary>
internal static class NullableJson
{
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void Boolean(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } flag)
        {
            w.WriteBoolean(name, flag);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
