namespace LiteDatasets;

/// <summary>
/// A draft that names an item an earlier draft of the same import already named (see
/// <see cref="IDatasetStore.ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?, Action{DraftRepeat})"/>).
/// </summary>
/// <param name="First">The position (from 0) of the earlier draft in the input.</param>
/// <param name="Second">The position of the repeating draft.</param>
/// <param name="Key">The external id or item id both drafts name.</param>
/// <param name="IsExternalId">Whether <paramref name="Key"/> is an external id (else an item id).</param>
public sealed record DraftRepeat(int First, int Second, string Key, bool IsExternalId);
