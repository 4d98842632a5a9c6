namespace LiteDatasets.Storage;

/// <summary>How an experiment's dataset version was given: kept so that creating it again can be told from creating another.</summary>
internal enum PinKind
{
    /// <summary>Nothing was given: the version current at creation.</summary>
    Current = 0,

    /// <summary>A version number.</summary>
    Number = 1,

    /// <summary>A tag (<see cref="ExperimentRow.ResolvedFrom"/>).</summary>
    Tag = 2,

    /// <summary>A moment (<see cref="ExperimentRow.ResolvedFrom"/>, ISO 8601 in UTC).</summary>
    Time = 3,
}
