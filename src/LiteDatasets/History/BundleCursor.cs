namespace LiteDatasets.History;

/// <summary>Walks bundle records with one record of look-ahead, which tells where a version's changes end.</summary>
internal sealed class BundleCursor(IEnumerable<BundleEntry> entries, string source) : IDisposable
{
    private readonly IEnumerator<BundleEntry> _records = entries.GetEnumerator();
    private BundleEntry? _next;
    private bool _peeked;

    /// <summary>Returns the next record without taking it, or null at the end of the records.</summary>
    public BundleEntry? Peek()
    {
        if (!_peeked)
        {
            _next = _records.MoveNext() ? _records.Current : null;
            _peeked = true;
        }

        return _next;
    }

    /// <summary>Takes the next record (null at the end).</summary>
    public BundleEntry? Next()
    {
        var next = Peek();
        _peeked = false;
        return next;
    }

    /// <summary>Takes the next record, which must be a <typeparamref name="T"/>.</summary>
    public T Expect<T>(string what)
        where T : BundleEntry
    {
        return Next() switch
        {
            T record => record,
            null => throw new ImportFormatException(source, 0, $"The bundle ends where {what} should follow: it is empty or cut off.", skippable: false),
            var other => throw new ImportFormatException(source, other.Line, $"The bundle has a {other.GetType().Name.Replace("Bundle", "", StringComparison.Ordinal).ToLowerInvariant()} record where {what} should be.", skippable: false),
        };
    }

    /// <summary>Takes the changes of the version just taken, up to the next record that is not a change.</summary>
    public IEnumerable<BundleChange> Changes()
    {
        while (Peek() is BundleChange change)
        {
            Next();
            yield return change;
        }
    }

    public void Dispose() => _records.Dispose();
}
