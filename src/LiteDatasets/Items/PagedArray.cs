namespace LiteDatasets;

/// <summary>
/// A sparse array of values addressed by a non-negative 64-bit index, stored in pages of 1,024 values
/// allocated on first write; unwritten entries read as <c>default</c>. An import keeps one small value per
/// item or per record here (a few bytes each, instead of a dictionary entry and a key string), so that its
/// memory stays a small fraction of the data it reads. Pages are small because every write of items uses one,
/// most of them for a single item: a page of 16,384 values made a one-item add allocate 64 KB for one entry.
/// </summary>
internal sealed class PagedArray<T>
    where T : struct
{
    private const int PageBits = 10;
    private const int PageMask = (1 << PageBits) - 1;

    private readonly Dictionary<long, T[]> _pages = [];

    public T this[long index]
    {
        get => _pages.TryGetValue(index >> PageBits, out var page) ? page[index & PageMask] : default;
        set
        {
            Guard.NotNegative(index);
            if (!_pages.TryGetValue(index >> PageBits, out var page))
            {
                page = new T[1 << PageBits];
                _pages.Add(index >> PageBits, page);
            }

            page[index & PageMask] = value;
        }
    }
}
