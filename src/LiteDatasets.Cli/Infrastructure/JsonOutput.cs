using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Writes the one JSON document a command prints with <c>--json</c>. The shapes of items, datasets, versions
/// and changes are shared by every command, so scripts parse each the same way wherever it appears.
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly MemoryStream _buffer = new();
    private readonly TextWriter _output;

    private JsonOutput(TextWriter output)
    {
        _output = output;
        Writer = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Gets the writer to add members with.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>Starts a document: an object whose members the caller writes; disposing prints it.</summary>
    public static JsonOutput Begin(CliEnvironment env)
    {
        var output = new JsonOutput(env.Output);
        output.Writer.WriteStartObject();
        return output;
    }

    /// <summary>
    /// Prints what has been written so far and forgets it, so that a long array (the items of a comparison) is not
    /// held whole; the document stays one document.
    /// </summary>
    public void Flush()
    {
        Writer.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }

    /// <summary>Ends the object and prints the document with a final newline.</summary>
    public void Dispose()
    {
        Writer.WriteEndObject();
        Writer.Dispose();
        _output.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _output.Write('\n');
        _output.Flush();
        _buffer.Dispose();
    }

    /// <summary>Writes <c>{"id","name"}</c> under <paramref name="name"/>.</summary>
    public void DatasetRef(Dataset dataset, string name = "dataset")
    {
        Writer.WriteStartObject(name);
        Writer.WriteString("id", dataset.Id);
        Writer.WriteString("name", dataset.Name);
        Writer.WriteEndObject();
    }

    /// <summary>Writes a dataset: <c>{"id","name","description","metadata","version","itemCount","createdAt","updatedAt","inputSchema","expectedOutputSchema"}</c>.</summary>
    public void Dataset(Dataset dataset)
    {
        Writer.WriteStartObject();
        Writer.WriteString("id", dataset.Id);
        Writer.WriteString("name", dataset.Name);
        Writer.WriteString("description", dataset.Description);
        Node("metadata", dataset.Metadata);
        Writer.WriteNumber("version", dataset.Version);
        Writer.WriteNumber("itemCount", dataset.ItemCount);
        Time("createdAt", dataset.CreatedAt);
        Time("updatedAt", dataset.UpdatedAt);
        Node("inputSchema", dataset.InputSchema);
        Node("expectedOutputSchema", dataset.ExpectedOutputSchema);
        Writer.WriteEndObject();
    }

    /// <summary>Writes an item: <c>{"id","externalId","input","expectedOutput","metadata","version","createdAt","updatedAt"}</c> (absent parts are null).</summary>
    public void Item(DatasetItem? item)
    {
        if (item is null)
        {
            Writer.WriteNullValue();
            return;
        }

        Writer.WriteStartObject();
        Writer.WriteString("id", item.Id);
        Writer.WriteString("externalId", item.ExternalId);
        Node("input", item.Input);
        Node("expectedOutput", item.ExpectedOutput);
        Node("metadata", item.Metadata);
        Writer.WriteNumber("version", item.Version);
        Time("createdAt", item.CreatedAt);
        Time("updatedAt", item.UpdatedAt);
        Writer.WriteEndObject();
    }

    /// <summary>Writes a version: <c>{"number","createdAt","message","added","updated","deleted","itemCount","schemaChanged","tags","fingerprint"}</c>.</summary>
    public void Version(DatasetVersion version)
    {
        Writer.WriteStartObject();
        Writer.WriteNumber("number", version.Number);
        Time("createdAt", version.CreatedAt);
        Writer.WriteString("message", version.Message);
        Writer.WriteNumber("added", version.Added);
        Writer.WriteNumber("updated", version.Updated);
        Writer.WriteNumber("deleted", version.Deleted);
        Writer.WriteNumber("itemCount", version.ItemCount);
        Writer.WriteBoolean("schemaChanged", version.SchemaChanged);
        Strings("tags", version.Tags);
        Writer.WriteString("fingerprint", version.Fingerprint);
        Writer.WriteEndObject();
    }

    /// <summary>Writes a change of a diff: <c>{"itemId","changedPaths","before","after"}</c>.</summary>
    public void Change(ItemChange change)
    {
        Writer.WriteStartObject();
        Writer.WriteString("itemId", change.ItemId);
        Strings("changedPaths", change.ChangedPaths);
        Writer.WritePropertyName("before");
        Item(change.Before);
        Writer.WritePropertyName("after");
        Item(change.After);
        Writer.WriteEndObject();
    }

    /// <summary>Writes an array of strings.</summary>
    public void Strings(string name, IEnumerable<string> values) => Array(name, values, Writer.WriteStringValue);

    /// <summary>Writes an array under <paramref name="name"/>, each element by <paramref name="write"/>.</summary>
    public void Array<T>(string name, IEnumerable<T> elements, Action<T> write)
    {
        Writer.WriteStartArray(name);
        foreach (var element in elements)
        {
            write(element);
        }

        Writer.WriteEndArray();
    }

    /// <summary>Writes an object of the members <paramref name="write"/> adds, as an array element.</summary>
    public void Object(Action<Utf8JsonWriter> write)
    {
        Writer.WriteStartObject();
        write(Writer);
        Writer.WriteEndObject();
    }

    /// <summary>Writes a JSON payload exactly as stored, or null.</summary>
    public void Node(string name, JsonNode? node)
    {
        Writer.WritePropertyName(name);
        if (node is null)
        {
            Writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(Writer);
        }
    }

    /// <summary>Writes a timestamp as ISO 8601 UTC with milliseconds.</summary>
    public void Time(string name, DateTimeOffset time) =>
        Writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
