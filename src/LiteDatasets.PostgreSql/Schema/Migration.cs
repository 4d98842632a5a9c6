namespace LiteDatasets.PostgreSql.Schema;

/// <summary>One step of the tables' history.</summary>
/// <param name="Version">The schema version it leads to.</param>
/// <param name="Description">What it does, recorded with it.</param>
/// <param name="Sql">Its statements; <c>{s}</c> stands for the quoted schema name.</param>
internal sealed record Migration(int Version, string Description, string Sql);
