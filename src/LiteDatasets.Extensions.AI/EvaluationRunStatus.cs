namespace LiteDatasets.Extensions.AI;

/// <summary>How a run of <see cref="EvaluationRunner"/> ended.</summary>
public enum EvaluationRunStatus
{
    /// <summary>Every pending run was done and recorded without an error.</summary>
    Completed = 1,

    /// <summary>Every pending run was done and recorded, and some results record an error (a failed or timed-out call, a failed evaluator).</summary>
    CompletedWithErrors = 2,

    /// <summary>The caller cancelled: the runs finished before were recorded, those in progress were not, the rest stay pending.</summary>
    Cancelled = 3,
}
