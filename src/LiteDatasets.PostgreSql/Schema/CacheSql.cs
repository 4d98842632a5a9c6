namespace LiteDatasets.PostgreSql.Schema;

/// <summary>The statements of the key-value cache (see <see cref="StoreSql"/>), each on the primary key of <c>cache_entries</c>.</summary>
internal sealed class CacheSql
{
    /// <summary>The columns in the order <see cref="PostgresRows"/> reads and writes them.</summary>
    private const string Columns = "id, scope, key, value, expires_at, absolute_expiry, sliding, written_at";

    /// <summary>Builds the statements for the schema <paramref name="quotedSchema"/> (quoted as an identifier).</summary>
    public CacheSql(string quotedSchema)
    {
        Find = $"SELECT {Columns} FROM {quotedSchema}.cache_entries WHERE id = $1";
        FindForUpdate = Find + " FOR UPDATE";
        Write = $"""
            INSERT INTO {quotedSchema}.cache_entries ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE SET scope = EXCLUDED.scope, key = EXCLUDED.key, value = EXCLUDED.value, expires_at = EXCLUDED.expires_at,
                absolute_expiry = EXCLUDED.absolute_expiry, sliding = EXCLUDED.sliding, written_at = EXCLUDED.written_at
            """;
        Delete = $"DELETE FROM {quotedSchema}.cache_entries WHERE id = $1";
    }

    /// <summary>Gets the query of an entry by row key.</summary>
    public string Find { get; }

    /// <summary>Gets the query of an entry by row key that locks its row until the transaction ends.</summary>
    public string FindForUpdate { get; }

    /// <summary>Gets the statement that stores an entry, replacing the one of the same row key.</summary>
    public string Write { get; }

    /// <summary>Gets the statement that removes an entry.</summary>
    public string Delete { get; }
}
