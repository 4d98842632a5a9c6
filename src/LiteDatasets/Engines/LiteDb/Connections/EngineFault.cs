namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Says that LiteDB itself failed inside a call — a commit or rollback that could not complete, an engine that
/// closed itself after an I/O error — so that the engine can no longer be trusted and must be replaced. The
/// cause is the exception LiteDB threw.
/// </summary>
internal sealed class EngineFault(Exception cause) : Exception(cause.Message, cause)
{
    /// <summary>Gets what LiteDB threw.</summary>
    public Exception Cause => InnerException!;
}
