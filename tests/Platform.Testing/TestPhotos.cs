using System.Buffers.Binary;
using SkiaSharp;

namespace Platform.Testing;

/// <summary>Photos as phones send them, for the tests of what the platform keeps of a photo.</summary>
public static class TestPhotos
{
    public static readonly SKColor Red = new(220, 30, 30);
    public static readonly SKColor Blue = new(30, 30, 220);

    /// <summary>A phone's photo held upright: landscape pixels, "turn right" as its orientation, and where it was taken.</summary>
    public static byte[] PhoneJpeg() => WithExif(Jpeg(64, 32), orientation: 6, latitude: (39, 54, 27));

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    /// <summary>Left half red, right half blue.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
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
    public static byte[] WithExif(byte[] jpeg, ushort orientation, (uint Degrees, uint Minutes, uint Seconds) latitude)
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
}
