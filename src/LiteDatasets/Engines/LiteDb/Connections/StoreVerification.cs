using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Services;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// <c>Verify</c> of a store file, run while no other call of the store runs: the file's own checks, then every
/// invariant of its rows. Damage is reported, never thrown: a check that meets it adds a problem saying what
/// could not be read, the engine is replaced if LiteDB closed itself, and the other checks go on.
/// </summary>
internal static class StoreVerification
{
    public static VerifyReport Run(StoreConnection connection)
    {
        var problems = new List<VerifyProblem>();
        foreach (var (what, check) in FileChecks.All(connection.FormatVersion))
        {
            try
            {
                problems.AddRange(LiteDbCalls.Run(() => check(connection.Database).ToList()));
            }
            catch (Exception ex) when (StoreFailures.Damage(ex) is not null)
            {
                problems.Add(new VerifyProblem(null, $"{what} cannot be read: the file is damaged ({StoreFailures.Damage(ex)})."));
                connection.RecoverFromDamage(ex);
            }
        }

        return new StoreVerifier(() => connection.Rows, StoreFailures.Damage, connection.RecoverFromDamage).Run(problems);
    }
}
