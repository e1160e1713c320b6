using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Platform.Kernel.Time;

namespace Platform.Needs.Open311;

/// <summary>The two representations GeoReport v2 defines; the client picks one by the resource's extension.</summary>
public enum Open311Format
{
    Xml,
    Json,
}

public static class Open311Formats
{
    public static bool TryParse(string? extension, out Open311Format format)
    {
        format = Open311Format.Xml;
        if (string.Equals(extension, "xml", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(extension, "json", StringComparison.OrdinalIgnoreCase)) return false;
        format = Open311Format.Json;
        return true;
    }

    public static string ContentType(this Open311Format format) =>
        format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";

    public static string Extension(this Open311Format format) => format == Open311Format.Json ? "json" : "xml";
}

/// <summary>
/// A GeoReport document, written once as the XML the specification shows and once as its JSON "Spark" mapping: an
/// element whose children repeat one name is an array, any other element an object, text a string.
/// </summary>
public abstract record Open311Node
{
    public static Open311Node Of(object? value) => value switch
    {
        Open311Node node => node,
        null => new Open311Value(null),
        string or bool or int or long => new Open311Value(value),
        DateTimeOffset at => new Open311Value(W3cDateTime(at)),
        _ => throw new ArgumentException($"no GeoReport representation for {value.GetType().Name}", nameof(value)),
    };

    /// <summary>The W3C profile of ISO 8601 with the district's offset (UTC+8, no daylight saving), e.g. 2026-01-05T08:15:30+08:00.</summary>
    public static string W3cDateTime(DateTimeOffset at) =>
        at.ToDistrict().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

}

public sealed record Open311Value(object? Value) : Open311Node;

public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, Open311Node>> Fields) : Open311Node
{
    public static Open311Object Of(params (string Name, object? Value)[] fields) =>
        new([.. fields.Select(field => KeyValuePair.Create(field.Name, Open311Node.Of(field.Value)))]);
}

public sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

/// <param name="RootName">The XML root element (services, service_requests, errors, discovery, service_definition).</param>
public sealed record Open311Document(string RootName, Open311Node Content)
{
    /// <summary>
    /// Text as written: Chinese stays readable and a datetime keeps its literal "+08:00" (the default encoder writes
    /// \u002B, which clients that read W3C datetimes by pattern do not expect). Safe here because these documents are
    /// only ever served as application/json (and the gateway adds nosniff), never embedded in HTML.
    /// </summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] Render(Open311Format format) => format == Open311Format.Json ? RenderJson() : RenderXml();

    private byte[] RenderJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
            WriteJson(writer, Content);
        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter writer, Open311Node node)
    {
        switch (node)
        {
            case Open311Value { Value: null }: writer.WriteNullValue(); break;
            case Open311Value { Value: string text }: writer.WriteStringValue(text); break;
            case Open311Value { Value: bool flag }: writer.WriteBooleanValue(flag); break;
            case Open311Value { Value: int number }: writer.WriteNumberValue(number); break;
            case Open311Value { Value: long number }: writer.WriteNumberValue(number); break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, value);
                }
                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items) WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"unexpected node {node}");
        }
    }

    private byte[] RenderXml()
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartDocument();
            WriteXml(writer, RootName, Content);
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteXml(XmlWriter writer, string name, Open311Node node)
    {
        writer.WriteStartElement(name);
        switch (node)
        {
            case Open311Value { Value: null }: break;
            case Open311Value { Value: bool flag }: writer.WriteString(flag ? "true" : "false"); break;
            case Open311Value { Value: IFormattable number }: writer.WriteString(number.ToString(null, CultureInfo.InvariantCulture)); break;
            case Open311Value { Value: string text }: writer.WriteString(XmlSafe(text)); break;
            case Open311Object obj:
                foreach (var (fieldName, value) in obj.Fields) WriteXml(writer, fieldName, value);
                break;
            case Open311List list:
                foreach (var item in list.Items) WriteXml(writer, list.ItemName, item);
                break;
            default: throw new InvalidOperationException($"unexpected node {node}");
        }
        writer.WriteEndElement();
    }

    /// <summary>Residents' texts may hold control characters that XML 1.0 cannot carry; they are dropped, not refused.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) safe.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) safe.Append(text[i]).Append(text[++i]);
        }
        return safe.ToString();
    }
}
