namespace LiteDatasets.Tests.Contract;

/// <summary>The batching recorder: many tasks share it, it commits by count, time, flush and disposal, and it loses nothing without a word.</summary>
public sealed partial class StoreContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ResultRecorder_ManyConcurrentTasks_RecordsEveryResultOnce()
    {
        var (_, items, experiment) = ExperimentWithItems(100, new ExperimentDefinition { Repetitions = 4 });
        var recorder = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 25, FlushInterval = Timeout.InfiniteTimeSpan });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = t; i < 400; i += 8)
            {
                recorder.Add(new ResultDraft(items[i / 4].Id) { Repetition = i % 4, Output = Node("1"), Error = i % 9 == 0 ? new ResultError("x") : null });
            }
        })));
        await recorder.DisposeAsync();

        var read = Store.GetExperiment(experiment.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((recorder.Recorded, recorder.Buffered, recorder.Refused.Count), Is.EqualTo((400L, 0, 0)));
            Assert.That((read.Recorded, read.Failed), Is.EqualTo((400L, (long)Enumerable.Range(0, 400).Count(i => i % 9 == 0))));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => r.Attempt), Is.All.EqualTo(1));
            Assert.That(() => recorder.Add(new ResultDraft(items[0].Id)), Throws.InstanceOf<ObjectDisposedException>());
        });
    }

    [Test]
    public async Task ResultRecorder_BelowTheBatchSize_CommitsOnFlushOnlyAndKeepsRepeatedRunsApart()
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        await using var recorder = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 1000, FlushInterval = Timeout.InfiniteTimeSpan });

        recorder.Add(new ResultDraft(items[0].Id) { Error = new ResultError("first try") });
        recorder.Add(new ResultDraft(items[1].Id));
        recorder.Add(new ResultDraft(items[0].Id) { Output = Node("\"retried\"") });
        var beforeFlush = (recorder.Buffered, Store.ReadResults(experiment.Id).Count());
        await recorder.FlushAsync();

        Assert.Multiple(() =>
        {
            Assert.That(beforeFlush, Is.EqualTo((3, 0)));
            Assert.That((recorder.Buffered, recorder.Recorded), Is.EqualTo((0, 3L)));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => (r.ItemId, r.Attempt, Text(r.Output))), Is.EqualTo(new[] { (items[0].Id, 2, "\"retried\""), (items[1].Id, 1, "<null>") }));
            Assert.That(Store.GetExperiment(experiment.Id)!.Failed, Is.Zero);
        });
    }

    [Test]
    public async Task ResultRecorder_ByCountAndByTime_CommitsWithoutBeingAsked()
    {
        var (_, items, experiment) = ExperimentWithItems(5);
        await using var byCount = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 2, FlushInterval = Timeout.InfiniteTimeSpan });
        await using var byTime = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 1000, FlushInterval = TimeSpan.FromMilliseconds(20) });

        byCount.Add(new ResultDraft(items[0].Id));
        byCount.Add(new ResultDraft(items[1].Id));
        byCount.Add(new ResultDraft(items[2].Id));
        byTime.Add(new ResultDraft(items[3].Id));

        Assert.Multiple(() =>
        {
            Assert.That(SpinWait.SpinUntil(() => byCount.Recorded == 2, Patience), Is.True, "a full batch is committed");
            Assert.That(byCount.Buffered, Is.EqualTo(1), "the rest waits for the next batch");
            Assert.That(SpinWait.SpinUntil(() => byTime.Recorded == 1, Patience), Is.True, "the interval commits what waits");
        });
    }

    [Test]
    public async Task ResultRecorder_RefusedResult_IsReportedAndTheRestOfItsBatchRecorded()
    {
        var (_, items, experiment) = ExperimentWithItems(3);
        var recorder = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 10, FlushInterval = Timeout.InfiniteTimeSpan });
        var stray = new ResultDraft("not-in-the-experiment");

        recorder.Add(new ResultDraft(items[0].Id));
        recorder.Add(stray);
        recorder.Add(new ResultDraft(items[1].Id));
        var error = Assert.ThrowsAsync<LiteDatasetsException>(() => recorder.FlushAsync())!;
        recorder.Add(new ResultDraft(items[2].Id));
        await recorder.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.ItemNotInExperiment));
            Assert.That(error.Message, Does.Contain("1 results").And.Contain("not-in-the-experiment"));
            Assert.That(recorder.Refused.Select(r => (r.Draft, ((LiteDatasetsException)r.Error).Code)), Is.EqualTo(new[] { (stray, ErrorCode.ItemNotInExperiment) }));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => r.ItemId), Is.EqualTo(items.Select(i => i.Id)), "a refusal is reported once; the rest is recorded");
        });
    }

    [Test]
    public void ResultRecorder_NotDisposed_IsCommittedWhenTheStoreIsDisposed()
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        var recorder = Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 1000, FlushInterval = Timeout.InfiniteTimeSpan });
        recorder.Add(new ResultDraft(items[0].Id));
        recorder.Add(new ResultDraft(items[1].Id) { Output = Node("2") });

        if (!factory.CanReopen)
        {
            Store.Dispose();
            Assert.That(recorder.Recorded, Is.EqualTo(2));
            return;
        }

        Store = factory.Reopen(Store, Clock);

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Recorded, Is.EqualTo(2));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => r.ItemId), Is.EqualTo(items.Select(i => i.Id)));
        });
    }

    [Test]
    public void ResultRecorder_NotDisposedWithRefusedResults_MakesDisposingTheStoreThrow()
    {
        var (_, _, experiment) = ExperimentWithItems(1);
        var recorder = Store.OpenRecorder(experiment.Id, new RecorderOptions { FlushInterval = Timeout.InfiniteTimeSpan });
        recorder.Add(new ResultDraft("stray"));

        Assert.That(() => Store.Dispose(), FailsWith(ErrorCode.ItemNotInExperiment, "stray"));
        Assert.That(recorder.Refused, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ResultRecorder_Refusals_AreArgumentsAtAddAndStoreErrorsAtOpen()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        await using var recorder = Store.OpenRecorder(experiment.Id);
        var closed = NewExperiment(experiment.DatasetId);
        Store.CompleteExperiment(closed.Id, ExperimentStatus.Completed);

        Assert.Multiple(() =>
        {
            Assert.That(() => recorder.Add(new ResultDraft(items[0].Id) { Repetition = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => recorder.Add(null!), Throws.ArgumentNullException);
            Assert.That(recorder.Buffered, Is.Zero);
            Assert.That(() => Store.OpenRecorder("nope"), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.OpenRecorder(closed.Id), FailsWith(ErrorCode.ExperimentClosed));
            Assert.That(() => Store.OpenRecorder(experiment.Id, new RecorderOptions { BatchSize = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.OpenRecorder(experiment.Id, new RecorderOptions { FlushInterval = TimeSpan.Zero }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
