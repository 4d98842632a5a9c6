using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets.Tests.Services;

/// <summary>Cursors of results: what a store returns reads back (up to the position past an item's last run), and a forged repetition beyond it is refused.</summary>
public sealed class PageCursorTests
{
    [TestCase(1L, 0)]
    [TestCase(long.MaxValue - 1, ExperimentDefinition.MaxRepetitions - 1)]
    [TestCase(7L, ExperimentDefinition.MaxRepetitions)]
    public void ResultCursor_AsAStoreWritesIt_ReadsBack(long seq, int repetition) =>
        Assert.That(PageCursor.DecodeResultCursor(PageCursor.EncodeResultCursor(new ResultKey(seq, repetition))), Is.EqualTo(new ResultKey(seq, repetition)));

    [TestCase(ExperimentDefinition.MaxRepetitions + 1)]
    [TestCase(int.MaxValue)]
    public void ResultCursor_RepetitionBeyondAnyExperiment_IsRefused(int repetition) =>
        Assert.That(() => PageCursor.DecodeResultCursor(PageCursor.EncodeResultCursor(new ResultKey(3, repetition))), Throws.ArgumentException.With.Message.Contains("is not one this store returned"));
}
