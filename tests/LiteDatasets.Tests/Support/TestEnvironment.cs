using System.Globalization;

namespace LiteDatasets.Tests;

/// <summary>Settings the long-running tests take from the environment, so that a run can be made longer or replayed.</summary>
public static class TestEnvironment
{
    /// <summary>Reads a positive whole number from <paramref name="name"/>, or null when it is not set.</summary>
    public static int? Number(string name)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Assert.That(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0, Is.True, $"{name}={text} is not a positive whole number.");
        return value;
    }

    /// <summary>
    /// Returns the seed of a random test: the one <paramref name="name"/> gives, to replay a run, or a new one. The
    /// seed is printed either way, with how to replay it.
    /// </summary>
    public static int Seed(string name)
    {
        var seed = Number(name) ?? Random.Shared.Next(1, int.MaxValue);
        TestContext.Out.WriteLine($"seed {seed} (replay with {name}={seed})");
        return seed;
    }
}
