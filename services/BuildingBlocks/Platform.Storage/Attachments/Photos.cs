using SkiaSharp;

namespace Platform.Storage.Attachments;

/// <summary>
/// A photo as the platform keeps it: decoded, turned upright, and encoded again from its pixels alone. A phone's
/// photo carries where it was taken (EXIF GPS), the phone's make and serial, and its time; none of that survives,
/// because nothing but pixels is written back. Anything that cannot be decoded as the image it claims to be is
/// refused, so a file that only starts like a JPEG is never stored or served as one.
/// </summary>
internal static class Photos
{
    /// <summary>Beyond this a "photo" is a decompression bomb: 50 million pixels is a 200 MB bitmap.</summary>
    public const long MaxPixels = 50_000_000;

    private const int Quality = 88;

    /// <summary>
    /// The photo encoded again: JPEG and WebP stay what they are; PNG stays PNG; GIF becomes a PNG of its first frame,
    /// because nothing here encodes GIF.
    /// </summary>
    public static (string ContentType, byte[] Bytes) Reencode(byte[] bytes, string contentType, string field)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw AttachmentRules.Refused(field, "图片无法读取，文件可能已损坏或不完整。");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            throw AttachmentRules.Refused(field, $"图片过大：不能超过 {MaxPixels / 1_000_000} 百万像素。");

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
            throw AttachmentRules.Refused(field, "图片无法读取，文件可能已损坏或不完整。");

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var (format, keptType) = contentType switch
        {
            "image/jpeg" => (SKEncodedImageFormat.Jpeg, "image/jpeg"),
            "image/webp" => (SKEncodedImageFormat.Webp, "image/webp"),
            _ => (SKEncodedImageFormat.Png, "image/png"),
        };
        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(format, Quality)
            ?? throw new InvalidOperationException($"Encoding a decoded {info.Width}×{info.Height} image as {format} failed.");
        return (keptType, encoded.ToArray());
    }

    /// <summary>
    /// A photo taken with the phone turned is stored sideways with an orientation tag; the tag is dropped with the
    /// rest of the metadata, so the pixels are turned instead.
    /// </summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (width, height) = (source.Width, source.Height);
        var turnedSideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // Where a stored pixel (x, y) is shown: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
        var toDisplay = origin switch
        {
            SKEncodedOrigin.TopRight => Matrix(-1, 0, width, 0, 1, 0),
            SKEncodedOrigin.BottomRight => Matrix(-1, 0, width, 0, -1, height),
            SKEncodedOrigin.BottomLeft => Matrix(1, 0, 0, 0, -1, height),
            SKEncodedOrigin.LeftTop => Matrix(0, 1, 0, 1, 0, 0),
            SKEncodedOrigin.RightTop => Matrix(0, -1, height, 1, 0, 0),
            SKEncodedOrigin.RightBottom => Matrix(0, -1, height, -1, 0, width),
            SKEncodedOrigin.LeftBottom => Matrix(0, 1, 0, -1, 0, width),
            _ => SKMatrix.Identity,
        };
        var shown = new SKBitmap(new SKImageInfo(turnedSideways ? height : width, turnedSideways ? width : height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(shown);
        canvas.SetMatrix(toDisplay);
        using var pixels = SKImage.FromBitmap(source);
        canvas.DrawImage(pixels, 0, 0, SKSamplingOptions.Default);
        return shown;
    }

    private static SKMatrix Matrix(float scaleX, float skewX, float transX, float skewY, float scaleY, float transY) =>
        new(scaleX, skewX, transX, skewY, scaleY, transY, 0, 0, 1);
}
