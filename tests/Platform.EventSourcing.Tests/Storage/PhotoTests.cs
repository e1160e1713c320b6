using System.Buffers.Binary;
using System.Text;
using Platform.Kernel.Errors;
using Platform.Storage.Attachments;
using Platform.Testing;
using SkiaSharp;

namespace Platform.EventSourcing.Tests.Storage;

/// <summary>
/// A resident's photo says where they live: a phone writes the place it was taken into the file. What the platform
/// keeps, and so what a department, a GeoReport client or an auditor is handed, is the photo's pixels, upright, and
/// nothing else.
/// </summary>
public sealed class PhotoTests
{
    [Fact]
    public void A_phones_photo_is_kept_upright_and_without_its_location_or_any_other_metadata()
    {
        // As a phone held upright stores it: the sensor's landscape pixels, and "turn right" in the EXIF orientation.
        var sent = TestPhotos.PhoneJpeg();
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
        Assert.True(Near(shown.GetPixel(16, 8), TestPhotos.Red), $"top is {shown.GetPixel(16, 8)}");
        Assert.True(Near(shown.GetPixel(16, 56), TestPhotos.Blue), $"bottom is {shown.GetPixel(16, 56)}");
    }

    [Fact]
    public void A_photo_without_orientation_keeps_its_shape_and_colours()
    {
        var kept = AttachmentRules.Accept("井盖.png", TestPhotos.Png(40, 20), "photo");

        Assert.Equal("image/png", kept.ContentType);
        using var shown = SKBitmap.Decode(kept.Bytes);
        Assert.Equal((40, 20), (shown.Width, shown.Height));
        Assert.Equal(TestPhotos.Red, shown.GetPixel(5, 10));
        Assert.Equal(TestPhotos.Blue, shown.GetPixel(35, 10));
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
        var whole = TestPhotos.Jpeg(64, 64);

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
