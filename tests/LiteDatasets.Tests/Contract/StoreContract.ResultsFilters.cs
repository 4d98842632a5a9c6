namespace LiteDatasets.Tests.Contract;

/// <summary>Listing results with conditions: failed ones, a score below a value, some items; paged by cursor, and bounded per call.</summary>
public sealed partial class StoreContract
{
    /// <summary>Lists every page of a query, following the cursors.</summary>
    private List<ResultPage> AllPages(string experimentId, ResultQuery query)
    {
        var pages = new List<ResultPage>();
        string? cursor = null;
        do
        {
            pages.Add(Store.ListResults(experimentId, query with { After = cursor }));
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null);

        return pages;
    }

    [Test]
    public void ListResults_Conditions_PageThroughExactlyTheMatchingResultsInOrder()
    {
        var random = new Random(TestEnvironment.Seed("LITEDATASETS_FILTER_SEED"));
        var (_, items, experiment) = ExperimentWithItems(300, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id, items.SelectMany(i => new[] { 0, 1 }.Where(_ => random.NextDouble() < 0.8).Select(r => new ResultDraft(i.Id)
        {
            Repetition = r,
            Error = random.NextDouble() < 0.15 ? new ResultError("x") : null,
            Scores = [.. new[] { "exact", "Exact" }.Where(_ => random.NextDouble() < 0.7).Select(n => new ScoreDraft(n) { Value = random.NextDouble() < 0.9 ? random.Next(0, 10) / 10.0 : null })],
        })));
        var chosen = items.Where(_ => random.NextDouble() < 0.1).Select(i => i.Id).Append(items[^1].Id).ToList();
        var all = Store.ReadResults(experiment.Id).ToList();
        var queries = new (string Name, ResultQuery Query, Func<ExperimentResult, bool> Oracle)[]
        {
            ("failed", new ResultQuery { FailedOnly = true }, r => r.Error is not null),
            ("exact below 0.5", new ResultQuery { ScoreBelow = new ScoreThreshold("exact", 0.5) }, r => r.Scores.Any(s => s.Name == "exact" && s.Value < 0.5)),
            ("items", new ResultQuery { ItemIds = [.. chosen, chosen[0], "no-such-item"] }, r => chosen.Contains(r.ItemId)),
            ("all three", new ResultQuery { FailedOnly = true, ScoreBelow = new ScoreThreshold("Exact", 0.5), ItemIds = [.. items.Take(200).Select(i => i.Id)] },
                r => r.Error is not null && r.Scores.Any(s => s.Name == "Exact" && s.Value < 0.5) && items.Take(200).Any(i => i.Id == r.ItemId)),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, query, oracle) in queries)
            {
                var pages = AllPages(experiment.Id, query with { PageSize = 7 });
                var expected = all.Where(oracle).Select(Describe).ToList();
                Assert.That(pages.SelectMany(p => p.Items).Select(Describe), Is.EqualTo(expected), name);
                Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(Enumerable.Range(0, Math.Max(1, (expected.Count + 6) / 7)).Select(i => Math.Min(7, expected.Count - (7 * i)))), name + ": full pages, and no empty one at the end");
                Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(all.Count), name + ": the total is the experiment's");
                Assert.That(expected, Is.Not.Empty, name + ": the seed gives matches");
            }
        });
    }

    [Test]
    public void ListResults_ScoreBelow_MatchesOnlyAValueOfThatExactNameStrictlyBelow()
    {
        var (_, items, experiment) = ExperimentWithItems(6);
        ScoreDraft[][] scores =
        [
            [new ScoreDraft("exact") { Value = 0.2 }],
            [new ScoreDraft("exact") { Value = 0.5 }],
            [new ScoreDraft("Exact") { Value = 0.1 }],
            [new ScoreDraft("exact") { Passed = false }],
            [],
            [new ScoreDraft("other") { Value = 0 }, new ScoreDraft("exact") { Value = -3 }],
        ];
        Store.RecordResults(experiment.Id, items.Select((item, i) => new ResultDraft(item.Id) { Scores = scores[i] }));

        var listed = Store.ListResults(experiment.Id, new ResultQuery { ScoreBelow = new ScoreThreshold("exact", 0.5) });

        Assert.That(listed.Items.Select(r => r.ItemId), Is.EqualTo(new[] { items[0].Id, items[5].Id }));
    }

    [Test]
    public void ListResults_FewMatchesAmongManyResults_ReadsABoundedStretchPerCallAndStillFindsThemAll()
    {
        var (_, items, experiment) = ExperimentWithItems(5_100, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id, items.SelectMany(i => new[] { 0, 1 }.Select(r => new ResultDraft(i.Id) { Repetition = r })));
        var failing = new[] { (items[3].Id, 1), (items[5_099].Id, 0) };
        Store.RecordResults(experiment.Id, failing.Select(f => new ResultDraft(f.Item1) { Repetition = f.Item2, Error = new ResultError("x") }));

        var scanned = AllPages(experiment.Id, new ResultQuery { FailedOnly = true, PageSize = 5 });
        var sought = AllPages(experiment.Id, new ResultQuery { FailedOnly = true, PageSize = 5, ItemIds = [.. items.Select(i => i.Id).Reverse()] });

        Assert.Multiple(() =>
        {
            foreach (var pages in new[] { scanned, sought })
            {
                Assert.That(pages.SelectMany(p => p.Items).Select(r => (r.ItemId, r.Repetition)), Is.EqualTo(failing));
                Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 1, 1 }), "a call reads 10,000 results at most: the first stops there with one match and a cursor");
            }
        });
    }

    [Test]
    public void ListResults_MalformedConditions_ThrowArgumentExceptionNamingThem()
    {
        var (_, _, experiment) = ExperimentWithItems(1);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { ItemIds = [] }), Throws.ArgumentException.With.Property("ParamName").EqualTo("query.ItemIds"));
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { ItemIds = ["ok", "tab\there"] }), Throws.ArgumentException.With.Property("ParamName").EqualTo("query.ItemIds"));
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { ScoreBelow = new ScoreThreshold("", 1) }), Throws.ArgumentException.With.Property("ParamName").EqualTo("query.ScoreBelow.Name"));
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { ScoreBelow = new ScoreThreshold("s", double.NaN) }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("query.ScoreBelow.Value"));
            Assert.That(() => Store.ListResults("nope", new ResultQuery { FailedOnly = true }), FailsWith(ErrorCode.ExperimentNotFound));
        });
    }
}
