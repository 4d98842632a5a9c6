namespace LiteDatasets.Storage;

/// <summary>
/// A store kept in files of its own. Writers of other files (exports, backups) ask it first, so that a target path
/// that names one of those files — through a link, <c>..</c> or another spelling — is refused instead of replacing
/// the store under its own feet.
/// </summary>
internal interface IStoreFileOwner
{
    /// <summary>Tells whether <paramref name="path"/> names one of the store's files (its data file, journal, or a journal set aside).</summary>
    bool Owns(string path);
}
