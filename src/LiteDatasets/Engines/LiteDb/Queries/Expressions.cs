using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>
/// Parsed LiteDB expressions, kept per thread and reused with new parameter values. Parsing an expression
/// costs more than the index seek it drives (tens of microseconds), and LiteDB caches only the compiled
/// delegates, not the parse. Values are always parameters (<c>@0</c>, <c>@1</c>), never spliced into the text.
/// </summary>
/// <remarks>
/// An expression object carries its parameters, so one is never shared between threads, and callers
/// materialise each query before running another with the same expression text on the same thread.
/// </remarks>
internal static class Expressions
{
    [ThreadStatic]
    private static Dictionary<string, BsonExpression>? s_parsed;

    /// <summary>Returns the parsed expression for <paramref name="text"/> with <paramref name="parameters"/> as @0, @1, …</summary>
    public static BsonExpression Get(string text, params BsonValue[] parameters)
    {
        var parsed = s_parsed ??= new Dictionary<string, BsonExpression>(StringComparer.Ordinal);
        if (!parsed.TryGetValue(text, out var expression))
        {
            expression = BsonExpression.Create(text, new BsonDocument());
            parsed[text] = expression;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            expression.Parameters[Names[i]] = parameters[i];
        }

        return expression;
    }

    /// <summary>Finds a document by id (LiteDB's own FindById parses its expression on every call).</summary>
    public static BsonDocument? FindById(ILiteCollection<BsonDocument> collection, BsonValue id) =>
        collection.Query().Where(Get("_id = @0", id)).FirstOrDefault();

    private static readonly string[] Names = ["0", "1", "2", "3"];
}
