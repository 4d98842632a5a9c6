using LiteDatasets.Storage;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// A tag made only of digits could never be used (a digit string means a version number everywhere), so new
/// ones are refused; such tags written before the rule stay readable, movable and deletable.
/// </summary>
public sealed partial class StoreContract
{
    [TestCase("1")]
    [TestCase("2024")]
    [TestCase("007")]
    public void TagVersion_OnlyDigits_ThrowsArgumentExceptionAndTagsNothing(string tag)
    {
        var ds = DatasetWithVersions(2);

        Assert.That(() => Store.TagVersion(ds.Id, 1, tag), Throws.ArgumentException.With.Message.Contains("only of digits"));

        Assert.That(Store.GetVersion(ds.Id, 1).Tags, Is.Empty);
    }

    [TestCase("v2024")]
    [TestCase("2024-11")]
    [TestCase("1.0")]
    [TestCase("-1")]
    [TestCase("١٢")]
    public void TagVersion_DigitsWithSomethingElse_IsAccepted(string tag)
    {
        var ds = DatasetWithVersions(2);

        Store.TagVersion(ds.Id, 1, tag);

        Assert.That(Store.ResolveVersion(ds.Id, tag), Is.EqualTo(1));
    }

    [Test]
    public void DigitTag_WrittenBeforeTheRule_StaysReadableMovableAndDeletable()
    {
        var ds = DatasetWithVersions(3);
        ((DatasetStoreBase)Store).Storage.Write(ds.Id, rows =>
        {
            rows.InsertTag(new TagRow(0, rows.FindDatasetForUpdate(ds.Id)!.Key, "2024", 1));
            return (0, true);
        });

        Assert.That(Store.ResolveVersion(ds.Id, "2024"), Is.EqualTo(1));
        Store.MoveTag(ds.Id, "2024", 3);
        Assert.That(Store.GetVersion(ds.Id, 3).Tags, Is.EqualTo(new[] { "2024" }));
        Store.DeleteTag(ds.Id, "2024");
        Assert.That(() => Store.ResolveVersion(ds.Id, "2024"), FailsWith(ErrorCode.TagNotFound));
    }
}
