using NUnit.Framework.Constraints;

namespace LiteDatasets.Tests;

/// <summary>Constraints for calls that must fail with a store error.</summary>
public static class Fails
{
    /// <summary>A call that throws a <see cref="LiteDatasetsException"/> with <paramref name="code"/>.</summary>
    public static IResolveConstraint With(ErrorCode code) =>
        Throws.InstanceOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(code);
}
