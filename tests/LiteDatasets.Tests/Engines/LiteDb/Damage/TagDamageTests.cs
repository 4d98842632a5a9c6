using System.Text;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>
/// A tag whose name is damaged in the file, in its document or in its index entry: the two no longer agree, so the tag
/// is listed under one name and found under none. Reads answer "not found", which is a fitting answer only if
/// <see cref="DatasetStore.Verify"/> reports the damage.
/// </summary>
[TestFixture]
public sealed class TagDamageTests : StoreFileFixture
{
    private const string TagName = "release-zqxv";

    [Test]
    public void Verify_ByteOfATagNameDamagedInTheFile_ReportsTheTag()
    {
        using (var store = TestStores.Open(StorePath))
        {
            var dataset = store.CreateDataset(new DatasetDefinition("qa"));
            store.AddItem(dataset.Id, TestStores.Draft("a"));
            store.TagVersion(dataset.Id, 1, TagName);
        }

        var bytes = File.ReadAllBytes(StorePath);
        var places = Occurrences(bytes, Encoding.UTF8.GetBytes(TagName)).ToList();
        Assert.That(places, Has.Count.GreaterThanOrEqualTo(2), "The name is stored in the tag's document and in its index entry.");

        Assert.Multiple(() =>
        {
            foreach (var place in places)
            {
                var damaged = Scratch.File($"damaged-{place}.litedb");
                var copy = (byte[])bytes.Clone();
                copy[place + 8] ^= 0x01;
                File.WriteAllBytes(damaged, copy);
                using var store = TestStores.Open(damaged, readOnly: true);
                var report = store.Verify();
                Assert.That(report.IsHealthy, Is.False, $"The name damaged at byte {place} of the file.");
                Assert.That(report.Problems.Select(p => p.Description), Has.Some.Contains("Tag 'release-"), $"The name damaged at byte {place} of the file.");
            }
        });
    }

    private static IEnumerable<int> Occurrences(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                yield return i;
            }
        }
    }
}
