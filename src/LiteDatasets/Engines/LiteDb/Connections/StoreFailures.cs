using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Sorts what a call into LiteDB threw: damage of the file (which a caller gets as <see cref="ErrorCode.FileCorrupt"/>
/// and <c>Verify</c> reports), a lock LiteDB could not get, or a failure of the disk or of LiteDB itself.
/// </summary>
internal static class StoreFailures
{
    /// <summary>
    /// The codes with which LiteDB refuses what it read from the file: an inconsistent page or index
    /// (<see cref="LiteException.INVALID_DATAFILE_STATE"/>, after which LiteDB closes itself), a document or value it
    /// cannot decode, an index that lists a key twice or is missing, and its untyped errors (0), such as a header
    /// with another collation.
    /// </summary>
    private static readonly HashSet<int> DamageCodes =
    [
        0,
        LiteException.INVALID_DATABASE,
        LiteException.INDEX_DUPLICATE_KEY,
        LiteException.INVALID_INDEX_KEY,
        LiteException.INDEX_NOT_FOUND,
        LiteException.COLLECTION_NOT_FOUND,
        LiteException.INVALID_FORMAT,
        LiteException.DOCUMENT_MAX_DEPTH,
        LiteException.INVALID_DATA_TYPE,
        LiteException.INVALID_NULL_CHAR_STRING,
        LiteException.INVALID_FREE_SPACE_PAGE,
        LiteException.INVALID_DATAFILE_STATE,
    ];

    /// <summary>Returns what is damaged, when <paramref name="ex"/> says the file's contents cannot be read; otherwise null.</summary>
    public static string? Damage(Exception ex) => Cause(ex) switch
    {
        StoreDamage damage => damage.Message,
        LiteException lite when DamageCodes.Contains(lite.ErrorCode) => $"LiteDB found its pages inconsistent ({lite.Message.TrimEnd('.')})",
        _ => null,
    };

    /// <summary>Whether LiteDB closed itself after <paramref name="ex"/>, so that its engine must be replaced before the next call.</summary>
    public static bool ClosesEngine(Exception ex) =>
        ex is EngineFault || Cause(ex) is IOException or LiteException { ErrorCode: LiteException.INVALID_DATAFILE_STATE };

    /// <summary>The error a caller gets for <paramref name="ex"/>, met while <paramref name="operation"/> on the store at <paramref name="path"/>.</summary>
    public static LiteDatasetsException ToError(string operation, Exception ex, string path)
    {
        var cause = Cause(ex);
        if (Damage(cause) is { } damage)
        {
            return Errors.Damaged(path, damage, cause is StoreDamage { InnerException: { } inner } ? inner : cause);
        }

        return cause is LiteException { ErrorCode: LiteException.LOCK_TIMEOUT } ? Errors.EngineBusy(cause) : Errors.Storage(operation, cause, path);
    }

    private static Exception Cause(Exception ex) => ex is EngineFault fault ? fault.Cause : ex;
}
