using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>
/// Runs the calls by which the storage port reads and writes rows through LiteDB, and sorts what they throw. I/O
/// errors and LiteDB's own <see cref="LiteException"/> pass as they are: the connection decides whether the engine
/// must be replaced and how to report them. Anything else — a decoder, cast, index, range or format error thrown
/// while LiteDB decodes a page or a document, or while a document is mapped to a row — means the file holds bytes
/// the store never wrote, and becomes <see cref="StoreDamage"/>. No caller code runs inside these calls, so no
/// caller mistake can be mistaken for damage.
/// </summary>
internal static class LiteDbCalls
{
    /// <summary>Runs a call that returns rows.</summary>
    public static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Damage(ex);
        }
    }

    /// <summary>Runs a call that writes rows.</summary>
    public static void Run(Action call)
    {
        try
        {
            call();
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Damage(ex);
        }
    }

    /// <summary>Whether an exception from inside LiteDB (or the mapping of its documents) says the file's bytes cannot be decoded.</summary>
    public static bool IsDecodingFailure(Exception ex) =>
        ex is EndOfStreamException || ex is not (IOException or LiteException or LiteDatasetsException or StoreDamage or OutOfMemoryException);

    /// <summary>The damage an exception thrown while decoding the file stands for.</summary>
    public static StoreDamage Damage(Exception ex) => new($"LiteDB could not decode what it read ({ex.GetType().Name}: {ex.Message.TrimEnd('.')})", ex);
}
