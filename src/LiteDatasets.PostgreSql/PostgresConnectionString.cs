using System.Globalization;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// Reads the two forms of connection string a store accepts: Npgsql's keywords (<c>Host=…;Database=…</c>) and the
/// URL form other PostgreSQL tools use (<c>postgresql://user@host:port/database?sslmode=require</c>).
/// </summary>
public static class PostgresConnectionString
{
    // URL parameters (libpq's names) and the Npgsql keywords they stand for.
    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
    };

    /// <summary>Gets whether <paramref name="text"/> names a PostgreSQL server rather than a file (a URL, or keywords with a host).</summary>
    public static bool IsPostgres(string text)
    {
        Guard.NotNull(text);
        if (IsUrl(text))
        {
            return true;
        }

        var trimmed = text.TrimStart();
        return trimmed.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("Server=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads a connection string in either form.</summary>
    /// <exception cref="ArgumentException">It is neither a valid URL nor valid keywords (the message never repeats a password).</exception>
    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        Guard.NotNull(text);
        if (IsUrl(text))
        {
            return FromUrl(text.Trim());
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The connection string is not valid: {Redact(ex.Message)}. Use Npgsql's form (Host=…;Database=…) or a postgresql:// URL.", nameof(text));
        }
    }

    private static bool IsUrl(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The connection URL is not valid; expected postgresql://user@host:port/database.", nameof(url));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!UrlParameters.TryGetValue(name, out var keyword))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The connection URL has a parameter '{name}' that is not supported; supported: {string.Join(", ", UrlParameters.Keys)}."), nameof(url));
            }

            builder[keyword] = value;
        }

        return builder;
    }

    // Npgsql's messages about a bad string may quote a value; anything after "password" is cut.
    private static string Redact(string message)
    {
        var at = message.IndexOf("password", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? message.TrimEnd('.') : message[..at] + "…";
    }
}
