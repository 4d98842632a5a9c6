using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using global::Json.Schema;

namespace LiteDatasets.Schemas;

/// <summary>
/// The schemas in force for one call (a write, a schema change), and the failures found so far. Each stored
/// content is checked: the input always, the expected output when present. The regular expressions of the
/// schemas share the call's <see cref="PatternBudget"/>: once it is spent the call is refused at once.
/// </summary>
/// <param name="inputSchema">The input schema, if any.</param>
/// <param name="expectedOutputSchema">The expected-output schema, if any.</param>
/// <param name="budget">The pattern-matching time of the whole call.</param>
/// <param name="what">What a refusal names ("The write").</param>
internal sealed class SchemaCheck(JsonSchema? inputSchema, JsonSchema? expectedOutputSchema, PatternBudget budget, string what)
{
    /// <summary>The most failing items a <see cref="SchemaViolationException"/> lists.</summary>
    public const int MaxReportedItems = 100;

    private readonly List<SchemaFailure> _failures = [];

    /// <summary>Gets whether any schema is in force.</summary>
    public bool IsEmpty => inputSchema is null && expectedOutputSchema is null;

    /// <summary>Gets how many items failed.</summary>
    public int FailingItems { get; private set; }

    /// <summary>Creates the check of one call for a dataset's stored schema texts.</summary>
    /// <exception cref="ArgumentException">A text is not a valid schema.</exception>
    public static SchemaCheck For(string? inputSchema, string? outputSchema, PatternBudget budget, string what) => new(
        inputSchema is null ? null : SchemaCompiler.Compile(inputSchema, "InputSchema"),
        outputSchema is null ? null : SchemaCompiler.Compile(outputSchema, "ExpectedOutputSchema"),
        budget,
        what);

    /// <summary>Refuses schema texts that are not valid schemas (before a call stores them).</summary>
    /// <exception cref="ArgumentException">A text is not a valid schema.</exception>
    public static void Validate(string? inputSchema, string? outputSchema)
    {
        if (inputSchema is not null)
        {
            SchemaCompiler.Compile(inputSchema, "InputSchema");
        }

        if (outputSchema is not null)
        {
            SchemaCompiler.Compile(outputSchema, "ExpectedOutputSchema");
        }
    }

    /// <summary>Checks one item's stored texts, recording failures under its index or id.</summary>
    /// <exception cref="SchemaViolationException">Checking the item spent the call's pattern-matching budget.</exception>
    public void Check(int? index, string? itemId, byte[] input, byte[]? expected)
    {
        if (IsEmpty)
        {
            return;
        }

        var failures = new List<SchemaFailure>();
        Evaluate(inputSchema, input, "/input", index, itemId, failures);
        if (expected is not null)
        {
            Evaluate(expectedOutputSchema, expected, "/expectedOutput", index, itemId, failures);
        }

        if (failures.Count > 0)
        {
            FailingItems++;
            if (FailingItems <= MaxReportedItems)
            {
                _failures.AddRange(failures);
            }
        }
    }

    /// <summary>Throws <see cref="SchemaViolationException"/> if any item failed.</summary>
    public void ThrowIfFailed()
    {
        if (FailingItems == 0)
        {
            return;
        }

        var first = _failures[0];
        var who = first.ItemId is not null ? $"item '{first.ItemId}'" : $"draft {first.ItemIndex}";
        var more = FailingItems > 1 ? $" ({FailingItems} items fail in all; see Failures)" : "";
        throw new SchemaViolationException(
            $"{what} was refused because {who} does not satisfy the dataset's schema at '{first.Path}': {first.Message}{more}. Nothing was written.",
            _failures.ToList(),
            FailingItems);
    }

    /// <summary>Lists the errors of an evaluation in list output form.</summary>
    public static IEnumerable<(string Pointer, string Message)> Errors(EvaluationResults results)
    {
        if (results.Errors is not null)
        {
            foreach (var (_, message) in results.Errors)
            {
                yield return (results.InstanceLocation.ToString(), message);
            }
        }

        foreach (var detail in results.Details ?? [])
        {
            foreach (var error in Errors(detail))
            {
                yield return error;
            }
        }
    }

    private void Evaluate(JsonSchema? schema, byte[] utf8, string part, int? index, string? itemId, List<SchemaFailure> failures)
    {
        if (schema is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = Json.PayloadEncoder.MaxDepth + 1 });
        var outer = budget.Enter();
        try
        {
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                var errors = Errors(results).ToList();
                if (errors.Count == 0)
                {
                    errors.Add(("", "the value is not allowed by the schema"));
                }

                failures.AddRange(errors.Select(e => new SchemaFailure(index, itemId, part + e.Pointer, e.Message)));
            }
        }
        catch (RegexMatchTimeoutException) when (budget.IsSpent)
        {
            failures.Add(new SchemaFailure(index, itemId, part, $"matching the schema's patterns used up the time budget of the call ({Milliseconds(budget.Total)} ms)"));
            ThrowBudgetSpent(failures);
        }
        catch (RegexMatchTimeoutException ex)
        {
            failures.Add(new SchemaFailure(index, itemId, part, $"matching the pattern '{ex.Pattern}' took longer than {BoundedPatterns.MatchTimeout.TotalMilliseconds} ms, so the value is treated as not matching"));
        }
        catch (RefResolutionException ex)
        {
            // JsonSchema.Net resolves references while evaluating, so a dangling one shows only here.
            failures.Add(new SchemaFailure(index, itemId, part, $"the schema has a reference that cannot be resolved ({ex.Message}); fix the dataset's schema"));
        }
        finally
        {
            PatternBudget.Leave(outer);
        }
    }

    /// <summary>Refuses the call now: the item being checked (the last of <paramref name="failures"/>) spent the budget.</summary>
    [DoesNotReturn]
    private void ThrowBudgetSpent(List<SchemaFailure> failures)
    {
        FailingItems++;
        _failures.AddRange(failures);
        var spent = failures[^1];
        var who = spent.ItemId is not null ? $"item '{spent.ItemId}'" : $"draft {spent.ItemIndex}";
        throw new SchemaViolationException(
            $"{what} was refused because checking {who} against the dataset's schema at '{spent.Path}' used up the time budget for "
            + $"matching the schema's patterns ({Milliseconds(budget.Total)} ms of regular-expression matching for the whole call). "
            + $"Simplify the patterns, or raise the store option {PatternBudget.OptionName} ({Milliseconds(PatternBudget.DefaultTotal)} ms by default). Nothing was written.",
            _failures.ToList(),
            FailingItems);
    }

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
