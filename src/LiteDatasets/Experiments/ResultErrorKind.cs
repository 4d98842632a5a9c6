namespace LiteDatasets;

/// <summary>Which part of a run failed (see <see cref="ResultError"/>).</summary>
public enum ResultErrorKind
{
    /// <summary>The system under test failed (it threw, or answered with an error).</summary>
    Task = 1,

    /// <summary>The run took longer than the harness allowed.</summary>
    Timeout = 2,

    /// <summary>The run was cancelled before it finished.</summary>
    Cancelled = 3,

    /// <summary>The run finished, but scoring it failed.</summary>
    Scorer = 4,
}
