using FsCheck;
using FsCheck.Fluent;

namespace LiteDatasets.Tests.Json;

/// <summary>Registers the generators with FsCheck.</summary>
public static class JsonArbitraries
{
    public static Arbitrary<JsonCase> JsonCase() => Arb.From(JsonGenerators.Cases);

    public static Arbitrary<JsonVariantCase> JsonVariantCase() => Arb.From(JsonGenerators.VariantCases);
}
