using System.Globalization;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>
/// One way to damage one store, drawn from a seed: which store, which of its files (the data file, or the journal
/// when commits are still in it), which kind of damage, and where. The same seed always draws the same case, and
/// its description names everything needed to replay it.
/// </summary>
public sealed record DamageCase(int Seed, StoreImage Store, bool InJournal, DamageKind Kind, int Page, int Offset, int SourcePage, byte Value)
{
    private const int PageSize = StoreImage.PageSize;

    /// <summary>Gets the bytes of the file this case damages, as they were.</summary>
    public byte[] Target => InJournal ? Store.Journal! : Store.Bytes;

    /// <summary>Draws the case of <paramref name="seed"/> over <paramref name="stores"/>.</summary>
    public static DamageCase Draw(int seed, IReadOnlyList<StoreImage> stores)
    {
        var random = new Random(seed);
        var store = stores[random.Next(stores.Count)];
        var inJournal = store.Journal is not null && random.Next(2) == 0;
        var target = inJournal ? store.Journal! : store.Bytes;
        var pages = target.Length / PageSize;
        var kind = (DamageKind)random.Next(Enum.GetValues<DamageKind>().Length);
        var page = random.Next(pages);
        var offset = random.Next(PageSize);
        var source = (page + 1 + random.Next(pages - 1)) % pages;

        // One byte always changes to another value.
        var value = (byte)((target[(page * PageSize) + offset] + 1 + random.Next(255)) % 256);
        return new DamageCase(seed, store, inJournal, kind, page, offset, source, value);
    }

    /// <summary>Writes the damaged store (and its journal, if it has one) at <paramref name="path"/>.</summary>
    public void WriteTo(string path)
    {
        var damaged = (byte[])Target.Clone();
        var page = damaged.AsSpan(Page * PageSize, PageSize);
        switch (Kind)
        {
            case DamageKind.RandomPage:
                new Random(Seed).NextBytes(page);
                break;
            case DamageKind.ZeroPage:
                page.Clear();
                break;
            case DamageKind.CopiedPage:
                Target.AsSpan(SourcePage * PageSize, PageSize).CopyTo(page);
                break;
            default:
                page[Offset] = Value;
                break;
        }

        StoreImage.WriteTo(path, InJournal ? Store.Bytes : damaged, InJournal ? damaged : Store.Journal);
    }

    /// <summary>Describes the case for failure messages: the seed, the store and the damage.</summary>
    public override string ToString()
    {
        var where = Kind switch
        {
            DamageKind.RandomPage => Invariant($"random bytes over page {Page}"),
            DamageKind.ZeroPage => Invariant($"zeros over page {Page}"),
            DamageKind.CopiedPage => Invariant($"page {SourcePage} copied over page {Page}"),
            _ => Invariant($"byte at offset {(Page * PageSize) + Offset} (page {Page}, offset {Offset}) 0x{Target[(Page * PageSize) + Offset]:X2} -> 0x{Value:X2}"),
        };
        var file = InJournal ? "journal" : "data file";
        return Invariant($"seed {Seed} (store '{Store.Name}', {file} of {Target.Length / PageSize} pages: {where})");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
