namespace LiteDatasets;

/// <summary>Which way a score gets better, for <see cref="IDatasetStore.CompareExperiments"/>.</summary>
public enum ScoreDirection
{
    /// <summary>A higher value is better (accuracy, similarity); the default.</summary>
    HigherIsBetter = 0,

    /// <summary>A lower value is better (an error distance, a count of mistakes).</summary>
    LowerIsBetter = 1,
}
