namespace LiteDatasets.Transfer;

/// <summary>How <see cref="CsvSource"/> reads the cells of a column.</summary>
internal enum CsvCellKind
{
    /// <summary>A string, as it is.</summary>
    Text = 0,

    /// <summary>A string behind an optional text marker (<see cref="CsvTextMarker"/>), which is removed.</summary>
    MarkedText = 1,

    /// <summary>JSON text, after an optional text marker; an empty cell is left out.</summary>
    Json = 2,
}
