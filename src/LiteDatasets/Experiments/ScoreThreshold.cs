namespace LiteDatasets;

/// <summary>A score and a value to compare it with (see <see cref="ResultQuery.ScoreBelow"/>).</summary>
/// <param name="Name">The score's name: 1–256 characters, case-sensitive.</param>
/// <param name="Value">The value, a finite number.</param>
public sealed record ScoreThreshold(string Name, double Value);
