using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;

namespace Platform.EventStore;

/// <summary>
/// The tamper-evident hash chain, in two steps so that an append needs no read before its single round trip:
/// <list type="number">
/// <item>The writer computes a <b>content digest</b>: SHA-256 over a domain tag and length-prefixed UTF-8 fields
/// (tenant, stream, event id, type, canonical JSON of the data, correlation id, causation id, actor).</item>
/// <item>PostgreSQL chains it under the stream row's lock:
/// <c>hash = SHA-256(previous hash ‖ int64 version ‖ int64 timestamp µs since 1970 ‖ content digest)</c>
/// (big-endian integers; the first event has an empty previous hash).</item>
/// </list>
/// jsonb reorders keys, drops whitespace and rewrites numbers, so the data is hashed in a canonical form that the
/// stored jsonb text yields again: keys sorted by UTF-16 code units (the last of duplicate keys wins, as in jsonb),
/// no whitespace, strings escaping only <c>"</c>, <c>\</c> and control characters, numbers as exact decimals without
/// leading or trailing zeros (<c>1.50</c>, <c>15e-1</c> and <c>1.5E0</c> all become <c>15e-1</c>).
/// </summary>
public static class EventHash
{
    private static readonly byte[] DomainTag = "platform.eventstore/1"u8.ToArray();

    public static byte[] ContentDigest(
        string tenantId, string streamId, Guid eventId, string eventType, ReadOnlySpan<byte> utf8Json, EventMetadata metadata)
    {
        var canonicalData = new ArrayBufferWriter<byte>(utf8Json.Length + 16);
        WriteCanonicalJson(utf8Json, canonicalData);
        var buffer = new ArrayBufferWriter<byte>(256 + canonicalData.WrittenCount);
        Write(buffer, DomainTag);
        WriteField(buffer, tenantId);
        WriteField(buffer, streamId);
        WriteField(buffer, eventId.ToString("D"));
        WriteField(buffer, eventType);
        WriteField(buffer, canonicalData.WrittenSpan);
        WriteField(buffer, metadata.CorrelationId);
        WriteField(buffer, metadata.CausationId);
        WriteField(buffer, metadata.Actor);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The chained hash of one event, as <c>append_events</c> computes it in PostgreSQL.</summary>
    public static byte[] Chain(ReadOnlySpan<byte> previousHash, long version, DateTimeOffset timestamp, ReadOnlySpan<byte> contentDigest)
    {
        Span<byte> input = stackalloc byte[previousHash.Length + 16 + contentDigest.Length];
        previousHash.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[previousHash.Length..], version);
        BinaryPrimitives.WriteInt64BigEndian(input[(previousHash.Length + 8)..], UnixMicroseconds(timestamp));
        contentDigest.CopyTo(input[(previousHash.Length + 16)..]);
        return SHA256.HashData(input);
    }

    /// <summary>Microseconds since 1970: PostgreSQL's own resolution, so the value survives the round trip exactly.</summary>
    public static long UnixMicroseconds(DateTimeOffset timestamp) =>
        (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static string CanonicalJson(string json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        WriteCanonicalJson(Encoding.UTF8.GetBytes(json), buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteCanonicalJson(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        WriteCanonical(document.RootElement, output);
    }

    private static void WriteCanonical(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                Write(output, "["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) Write(output, ","u8);
                    first = false;
                    WriteCanonical(item, output);
                }
                Write(output, "]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(JsonMarshal.GetRawUtf8Value(element), output);
                break;
            case JsonValueKind.True:
                Write(output, "true"u8);
                break;
            case JsonValueKind.False:
                Write(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Write(output, "null"u8);
                break;
            default:
                throw new JsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static void WriteObject(JsonElement element, IBufferWriter<byte> output)
    {
        var ordered = new List<(string Name, int Index, JsonElement Value)>();
        foreach (var property in element.EnumerateObject()) ordered.Add((property.Name, ordered.Count, property.Value));
        // Ties keep their written order, so that of duplicate names the last one is kept, as jsonb keeps it.
        ordered.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name) is var byName and not 0 ? byName : left.Index.CompareTo(right.Index));
        Write(output, "{"u8);
        var written = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i + 1 < ordered.Count && ordered[i + 1].Name == ordered[i].Name) continue;
            if (written++ > 0) Write(output, ","u8);
            WriteString(ordered[i].Name, output);
            Write(output, ":"u8);
            WriteCanonical(ordered[i].Value, output);
        }
        Write(output, "}"u8);
    }

    private static void WriteString(string value, IBufferWriter<byte> output)
    {
        Write(output, "\""u8);
        var plainFrom = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (character is not ('"' or '\\') && character >= ' ') continue;
            WriteUtf8(value.AsSpan(plainFrom, i - plainFrom), output);
            Write(output, character switch
            {
                '"' => "\\\""u8,
                '\\' => "\\\\"u8,
                _ => Encoding.ASCII.GetBytes($"\\u{(int)character:x4}"),
            });
            plainFrom = i + 1;
        }
        WriteUtf8(value.AsSpan(plainFrom), output);
        Write(output, "\""u8);
    }

    private static void WriteUtf8(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        if (text.IsEmpty) return;
        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        output.Advance(written);
    }

    /// <summary>Exact decimal normal form: sign, significant digits, and a decimal exponent when it is not zero.</summary>
    private static void WriteNumber(ReadOnlySpan<byte> number, IBufferWriter<byte> output)
    {
        // Most numbers in events are plain integers already in normal form.
        if (number.IndexOfAnyExcept("-0123456789"u8) < 0 && number[^1] != (byte)'0' && !number.StartsWith("-0"u8))
        {
            Write(output, number);
            return;
        }
        var text = Encoding.ASCII.GetString(number);
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var exponentAt = body.IndexOfAny(['e', 'E']);
        var exponent = exponentAt < 0 ? 0 : long.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        mantissa = mantissa.TrimStart('0');
        if (mantissa.Length == 0)
        {
            Write(output, "0"u8);
            return;
        }
        var significant = mantissa.TrimEnd('0');
        exponent += mantissa.Length - significant.Length;
        var normal = (negative ? "-" : "") + significant + (exponent == 0 ? "" : "e" + exponent.ToString(CultureInfo.InvariantCulture));
        Write(output, Encoding.ASCII.GetBytes(normal));
    }

    private static void WriteField(IBufferWriter<byte> output, string? value)
    {
        if (value is null) output.Advance(WriteInt32(output.GetSpan(4), -1));
        else WriteField(output, Encoding.UTF8.GetBytes(value));
    }

    private static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        output.Advance(WriteInt32(output.GetSpan(4), value.Length));
        Write(output, value);
    }

    private static int WriteInt32(Span<byte> span, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(span, value);
        return 4;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
