namespace LiteDatasets.Storage;

/// <summary>A position in first-added order: after the revision (<see cref="Seq"/>, <see cref="ValidFrom"/>).</summary>
/// <param name="Seq">The item sequence number last passed.</param>
/// <param name="ValidFrom">The validFrom of the last revision passed, or <see cref="long.MaxValue"/> when the whole item was passed.</param>
internal readonly record struct RevisionPosition(long Seq, long ValidFrom)
{
    /// <summary>The position before the first item.</summary>
    public static readonly RevisionPosition Start = new(0, long.MaxValue);

    /// <summary>The position after every revision of item <paramref name="seq"/>.</summary>
    public static RevisionPosition After(long seq) => new(seq, long.MaxValue);
}
