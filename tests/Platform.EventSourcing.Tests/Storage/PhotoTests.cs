using System.Buffers.Binary;
using System.Text;
using Platform.Kernel.Errors;
using Platform.Storage.Attachments;
using SkiaSharp;

namespace Platform.EventSourcing.Tests.Storage;

/// <summary>
/// A resident's photo says where they live: a phone writes the place it was taken into the file. What the platform
/// keeps, and so what a department, a GeoReport client or an auditor is handed, is the photo's pixels, upright, and
/// nothing else.
/// </summary>
public sealed class PhotoTests
{
    private static readonly SKColor Red = new(220, 30, 30);
    private static readonly SKColor Blue = new(30, 30, 220);

    [Fact]
    public void A_phones_photo_is_kept_upright_and_without_its_location_or_any_other_metadata()
    {
        // As a phone held upright stores it: the sensor's landscape pixels, and "turn right" in the EXIF orientation.
        var sent = WithExif(Jpeg(64, 32), orientation: 6, latitude: (39, 54, 27));
        Assert.Contains("Exif", Encoding.Latin1.GetString(sent), StringComparison.Ordinal);

        var kept = AttachmentRules.Accept("IMG_0042.JPG", sent, "media");

        Assert.Equal(("image/jpeg", "IMG_0042.jpg"), (kept.ContentType, kept.FileName));
        var text = Encoding.Latin1.GetString(kept.Bytes);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.False(HasSegment(kept.Bytes, 0xE1), "an APP1 (EXIF or XMP) segment survived");
        using var codec = SKCodec.Create(SKData.CreateCopy(kept.Bytes))!;
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        using var shown = SKBitmap.Decode(kept.Bytes);
        Assert.Equal((32, 64), (shown.Width, shown.Height));
        // The sensor's left half (red) is the top once turned right.
        Assert.True(Near(shown.GetPixel(16, 8), Red), $"top is {shown.GetPixel(16, 8)}");
        Assert.True(Near(shown.GetPixel(16, 56), Blue), $"bottom is {shown.GetPixel(16, 56)}");
    }

    [Fact]
    public void A_photo_without_orientation_keeps_its_shape_and_colours()
    {
        var kept = AttachmentRules.Accept("井盖.png", Png(40, 20), "photo");

        Assert.Equal("image/png", kept.ContentType);
        using var shown = SKBitmap.Decode(kept.Bytes);
        Assert.Equal((40, 20), (shown.Width, shown.Height));
        Assert.Equal(Red, shown.GetPixel(5, 10));
        Assert.Equal(Blue, shown.GetPixel(35, 10));
    }

    [Fact]
    public void A_gif_is_kept_as_a_png_of_its_first_frame()
    {
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

        var kept = AttachmentRules.Accept("动图.gif", gif, "media");

        Assert.Equal(("image/png", "动图.png"), (kept.ContentType, kept.FileName));
        using var shown = SKBitmap.Decode(kept.Bytes);
        Assert.Equal((1, 1), (shown.Width, shown.Height));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 })]
    public void A_file_that_only_starts_like_a_photo_is_refused_naming_the_field(byte[] bytes)
    {
        var refused = Assert.Throws<InvalidCommandException>(() => AttachmentRules.Accept("x.jpg", bytes, "photo"));

        Assert.True(refused.Errors.ContainsKey("photo"));
        Assert.Contains("无法读取", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_photo_is_refused()
    {
        var whole = Jpeg(64, 64);

        var refused = Assert.Throws<InvalidCommandException>(() => AttachmentRules.Accept("x.jpg", whole[..(whole.Length * 9 / 10)], "media"));

        Assert.Contains("不完整", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_photo_of_more_pixels_than_a_phone_takes_is_refused_before_it_is_decoded()
    {
        // 20,000 × 20,000: 1.6 GB once decoded, from a few dozen bytes.
        var bomb = PngHeaderOnly(20_000, 20_000);

        var refused = Assert.Throws<InvalidCommandException>(() => AttachmentRules.Accept("bomb.png", bomb, "media"));

        Assert.Contains("百万像素", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_is_kept_as_it_came()
    {
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

        var kept = AttachmentRules.Accept("回执.pdf", pdf, "media");

        Assert.Equal(("application/pdf", pdf), (kept.ContentType, kept.Bytes));
    }

    private static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    private static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    /// <summary>Left half red, right half blue.</summary>
    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Color = Red };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
            paint.Color = Blue;
            canvas.DrawRect(width / 2f, 0, width / 2f, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 95).ToArray();
    }

    /// <summary>The JPEG with an EXIF segment after its start marker: an orientation, and a GPS latitude as a phone writes it.</summary>
    private static byte[] WithExif(byte[] jpeg, ushort orientation, (uint Degrees, uint Minutes, uint Seconds) latitude)
    {
        var tiff = new List<byte>();
        void U16(int value) { tiff.Add((byte)(value >> 8)); tiff.Add((byte)value); }
        void U32(uint value) { U16((int)(value >> 16)); U16((int)(value & 0xFFFF)); }
        void Entry(int tag, int type, uint count, uint value) { U16(tag); U16(type); U32(count); U32(value); }

        tiff.AddRange("MM\0*"u8.ToArray());
        U32(8);
        // IFD0 at 8: two entries (2 + 2·12 + 4 = 30 bytes), so the GPS IFD starts at 38.
        U16(2);
        Entry(0x0112, 3, 1, (uint)orientation << 16);
        Entry(0x8825, 4, 1, 38);
        U32(0);
        // GPS IFD at 38: two entries, so the latitude's rationals start at 38 + 30 = 68.
        U16(2);
        Entry(0x0001, 2, 2, (uint)'N' << 24);
        Entry(0x0002, 5, 3, 68);
        U32(0);
        foreach (var part in new[] { latitude.Degrees, latitude.Minutes, latitude.Seconds }) { U32(part); U32(1); }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        (segment[0], segment[1]) = ((byte)0xFF, (byte)0xE1);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static bool HasSegment(byte[] jpeg, byte marker)
    {
        for (var at = 2; at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
            if (jpeg[at + 1] == marker) return true;
        return false;
    }

    /// <summary>A PNG's signature and a valid header chunk claiming the size, and no pixels.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6);
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", []), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>PNG's checksum (CRC-32, reflected, polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static bool Near(SKColor actual, SKColor expected) =>
        Math.Abs(actual.Red - expected.Red) < 40 && Math.Abs(actual.Green - expected.Green) < 40 && Math.Abs(actual.Blue - expected.Blue) < 40;
}
