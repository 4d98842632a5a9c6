namespace LiteDatasets.Tests.Json;

/// <summary>A <see cref="JsonCase"/> and a seed for reordering keys and choosing a number to respell.</summary>
public sealed record JsonVariantCase(JsonCase Json, int Seed)
{
    public override string ToString() => $"{Json}{Environment.NewLine}variant seed: {Seed}";
}
