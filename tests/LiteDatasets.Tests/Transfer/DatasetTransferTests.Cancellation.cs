using System.Text;

namespace LiteDatasets.Tests.Transfer;

/// <summary>A cancelled import writes nothing; a cancelled export leaves no file behind (and an existing one as it was).</summary>
public sealed partial class DatasetTransferTests
{
    [Test]
    public void Import_CancelledHalfWay_ThrowsAndWritesNothing()
    {
        var ds = NewDataset();
        Import(ds, "first.jsonl", "{\"input\":\"kept\"}\n");
        var lines = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"input\":{i}}}\n"));
        using var cancel = new CancellationTokenSource();
        using var input = new CancellingStream(Encoding.UTF8.GetBytes(lines), cancelAfter: lines.Length / 2, cancel);

        Assert.That(() => DatasetTransfer.Import(_store, ds, input, new ImportOptions { Format = TransferFormat.Jsonl }, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.Multiple(() =>
        {
            Assert.That(input.Position, Is.GreaterThan(lines.Length / 2), "Records were read (and handed to the store) before the cancellation.");
            Assert.That(_store.GetDataset(ds)!.Version, Is.EqualTo(1));
            Assert.That(_store.ReadItems(ds).Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"kept\"" }));
        });
    }

    [Test]
    public void Export_Cancelled_LeavesTheExistingFileAsItWasAndNoPartialFile()
    {
        var ds = NewDataset();
        Import(ds, "items.jsonl", "{\"input\":1}\n{\"input\":2}\n");
        var target = WriteFile("out.jsonl", "the previous export\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.That(() => DatasetTransfer.Export(_store, ds, target, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(target), Is.EqualTo("the previous export\n"));
            Assert.That(Directory.GetFiles(_directory.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "items.jsonl", "out.jsonl" }));
        });
    }

    /// <summary>A stream over bytes that cancels a token once a given number of bytes has been read.</summary>
    private sealed class CancellingStream(byte[] bytes, long cancelAfter, CancellationTokenSource cancel) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, Math.Min(count, 4096));
            if (Position >= cancelAfter)
            {
                cancel.Cancel();
            }

            return read;
        }
    }
}
