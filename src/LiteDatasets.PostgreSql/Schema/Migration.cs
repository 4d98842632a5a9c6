namespace LiteDatasets.PostgreSql.Schema;

/// <summary>One step of the tables' history.</summary>
/// <param name="Version">The schema version it leads to.</param>
/// <param name="Description">What it does, recorded with it.</param>
/// <param name="Sql">Its statements; <c>{s}</c> stands for the quoted schema name.</param>
/// <param name="ReadsOlderSchemas">
/// Whether this release reads a schema from before the migration as it is: true when the migration only adds
/// tables that such a schema simply lacks (a read finds them empty). A read-only open then reads the older
/// schema instead of refusing it.
/// </param>
internal sealed record Migration(int Version, string Description, string Sql, bool ReadsOlderSchemas = false);
