using System.Text.RegularExpressions;
using LiteDatasets.Schemas;

namespace LiteDatasets.Tests.Schemas;

/// <summary>
/// The stand-in for a schema's regular expression finds what the plain expression finds, and each match runs under
/// the budget of the thread's current call: what is left of it, never more than the per-match limit.
/// </summary>
[TestFixture]
public sealed class BudgetedRegexTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(200);

    private static string Catastrophic => new string('a', 40) + "!";

    [TestCase("^[a-z]+-[0-9]+$", RegexOptions.ECMAScript, new[] { "item-1", "Item-1", "item-", "", "x-12345", "item-1\n" })]
    [TestCase("b+", RegexOptions.ECMAScript, new[] { "aabbbcbb", "aaa", "b" })]
    [TestCase("(?<=a)b\\b", RegexOptions.None, new[] { "ab", "cb", "abc", "xab ab" })]
    [TestCase("^$", RegexOptions.None, new[] { "", "x" })]
    [TestCase("é|\\u00e9", RegexOptions.ECMAScript, new[] { "café", "cafe" })]
    public void Matches_AreThoseOfThePlainExpression(string pattern, RegexOptions options, string[] inputs)
    {
        var plain = new Regex(pattern, options);
        var budgeted = new BudgetedRegex(pattern, options, Limit);

        Assert.Multiple(() =>
        {
            Assert.That(budgeted.ToString(), Is.EqualTo(pattern));
            foreach (var input in inputs)
            {
                Assert.That(budgeted.IsMatch(input), Is.EqualTo(plain.IsMatch(input)), $"IsMatch(\"{input}\")");
                Assert.That(Spans(budgeted.Matches(input)), Is.EqualTo(Spans(plain.Matches(input))), $"Matches(\"{input}\")");
            }
        });
    }

    [Test]
    public void IsMatch_WithoutABudget_StopsAtThePerMatchLimit()
    {
        var regex = new BudgetedRegex("^(a+)+$", RegexOptions.ECMAScript, Limit);

        var error = Assert.Throws<RegexMatchTimeoutException>(() => regex.IsMatch(Catastrophic));

        Assert.That(error!.MatchTimeout, Is.EqualTo(Limit));
    }

    [Test]
    public void IsMatch_UnderABudget_RunsForWhatIsLeftAndChargesIt()
    {
        var regex = new BudgetedRegex("^(a+)+$", RegexOptions.ECMAScript, Limit);
        var budget = new PatternBudget(TimeSpan.FromMilliseconds(30));

        var outer = budget.Enter();
        try
        {
            var first = Assert.Throws<RegexMatchTimeoutException>(() => regex.IsMatch(Catastrophic));
            var second = Assert.Throws<RegexMatchTimeoutException>(() => regex.IsMatch("aaaa"));

            Assert.Multiple(() =>
            {
                Assert.That(first!.MatchTimeout, Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(30)), "the match ran for what was left");
                Assert.That(budget.IsSpent, Is.True, "the match was charged");
                Assert.That(second!.MatchTimeout, Is.EqualTo(TimeSpan.Zero), "a spent budget allows no further match");
            });
        }
        finally
        {
            PatternBudget.Leave(outer);
        }
    }

    [Test]
    public void IsMatch_OnAnotherThread_IsNotChargedToThisThreadsBudget()
    {
        var regex = new BudgetedRegex("^(a+)+$", RegexOptions.ECMAScript, Limit);
        var budget = new PatternBudget(TimeSpan.FromMilliseconds(20));
        var outer = budget.Enter();
        try
        {
            Assert.Throws<RegexMatchTimeoutException>(() => regex.IsMatch(Catastrophic));

            Assert.Multiple(() =>
            {
                Assert.That(Task.Run(() => regex.IsMatch("aaaa")).Result, Is.True, "another thread's call");
                Assert.That(() => regex.IsMatch("aaaa"), Throws.TypeOf<RegexMatchTimeoutException>(), "this thread's spent call");
            });
        }
        finally
        {
            PatternBudget.Leave(outer);
        }
    }

    private static (int, int)[] Spans(MatchCollection matches) => [.. matches.Select(m => (m.Index, m.Length))];
}
