namespace LiteDatasets;

/// <summary>
/// Raised where stored rows cannot be read as what the store wrote: a payload that is not JSON, a record that is
/// missing, a document the engine cannot decode. It never reaches a caller: each engine turns it into
/// <see cref="ErrorCode.FileCorrupt"/> naming the store (see <see cref="Errors.Damaged"/>), and <c>Verify</c>
/// reports it as a problem.
/// </summary>
internal sealed class StoreDamage : Exception
{
    /// <param name="what">What cannot be read, as a phrase that completes "The store … is damaged: ".</param>
    /// <param name="inner">What reading it threw, if anything.</param>
    public StoreDamage(string what, Exception? inner = null)
        : base(what, inner)
    {
    }
}
