using System.Text;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Engine.Loading;

/// <summary>
/// Reads a manifest file as strict UTF-8 (a UTF-16 byte-order mark is honoured), within the file-size limit. Binary
/// content and invalid UTF-8 become an ML9001 problem with the byte offset, never text full of U+FFFD. Shared by the
/// CLI and the MSBuild task.
/// </summary>
public static class SourceReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="fullPath"/>, which the caller has checked is a regular file.</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission is missing.</exception>
    public static SourceFile Read(string displayPath, string fullPath, InputLimits limits)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > limits.MaxFileBytes)
            return Unreadable(displayPath, TooLarge(stream.Length, limits));

        // Read at most one byte past the limit: the file may grow while it is read.
        var buffer = Buffer((int)Math.Min(stream.Length + 1, limits.MaxFileBytes + 1));
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length && length <= limits.MaxFileBytes)
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limits.MaxFileBytes + 1));
        }

        return length > limits.MaxFileBytes
            ? Unreadable(displayPath, TooLarge(length, limits))
            : Decode(displayPath, buffer, length);
    }

    // The bytes are garbage once decoded: a buffer per thread, reused up to this size, keeps a run of many files from
    // allocating each one's bytes on the large-object heap, where every allocation brings a full collection nearer.
    // Small enough to leave in a long-lived host's threads (an MSBuild node).
    private const int ReusedBufferBytes = 1 << 20;

    [ThreadStatic]
    private static byte[]? reusedBuffer;

    private static byte[] Buffer(int size)
    {
        if (size > ReusedBufferBytes)
            return new byte[size];
        if (reusedBuffer is null || reusedBuffer.Length < size)
            reusedBuffer = new byte[Math.Max(size, 64 << 10)];
        return reusedBuffer;
    }

    /// <summary>Turns the first <paramref name="length"/> bytes into text, or into a problem when they are not text.</summary>
    public static SourceFile Decode(string displayPath, byte[] bytes, int length)
    {
        if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var utf16 = bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
            try
            {
                return new SourceFile(displayPath, utf16.GetString(bytes, 2, length - 2));
            }
            catch (DecoderFallbackException)
            {
                return Unreadable(displayPath, NotText(bytes, 0, "invalid UTF-16"));
            }
        }

        var start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var nul = Array.IndexOf(bytes, (byte)0, start, length - start);
        if (nul >= 0)
            return Unreadable(displayPath, NotText(bytes, nul, "binary content (a NUL byte)"));
        var invalid = FirstInvalidUtf8(bytes, start, length);
        if (invalid >= 0)
            return Unreadable(displayPath, NotText(bytes, invalid, "invalid UTF-8"));
        return new SourceFile(displayPath, StrictUtf8.GetString(bytes, start, length - start));
    }

    /// <summary>The problem for content over the size limit.</summary>
    public static LoadProblem TooLarge(long size, InputLimits limits)
    {
        var start = new SourcePosition(1, 1, 0);
        return new LoadProblem(
            "ML9005",
            $"input limit: the file is {size} bytes, over the {limits.MaxFileBytes}-byte limit; it is not checked ({InputLimits.HowToRaise(InputLimits.FileSizeKey)})",
            start,
            start with { Column = 2, Offset = 1 });
    }

    private static SourceFile Unreadable(string displayPath, LoadProblem problem) => new(displayPath, string.Empty) { ReadProblem = problem };

    private static LoadProblem NotText(byte[] bytes, int offset, string what)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var at = new SourcePosition(line, offset - lineStart + 1, offset);
        return new LoadProblem("ML9001", $"not a text file: {what} at byte offset {offset}; YAML and JSON manifests are UTF-8 text", at, at with { Column = at.Column + 1, Offset = offset + 1 });
    }

    /// <summary>The offset of the first byte that does not belong to a valid UTF-8 sequence, or -1.</summary>
    internal static int FirstInvalidUtf8(byte[] bytes, int start, int length)
    {
        var i = start;
        while (i < length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                // Eight ASCII bytes at a time: manifests are nearly all ASCII.
                while (i + 8 <= length && (BitConverter.ToUInt64(bytes, i) & 0x8080808080808080UL) == 0)
                    i += 8;
                continue;
            }

            int continuation;
            int minimum;
            if (b is >= 0xC2 and <= 0xDF)
            {
                continuation = 1;
                minimum = 0x80;
            }
            else if (b is >= 0xE0 and <= 0xEF)
            {
                continuation = 2;
                minimum = 0x800;
            }
            else if (b is >= 0xF0 and <= 0xF4)
            {
                continuation = 3;
                minimum = 0x10000;
            }
            else
            {
                return i;
            }

            var codePoint = b & (0x3F >> continuation);
            for (var k = 1; k <= continuation; k++)
            {
                if (i + k >= length || (bytes[i + k] & 0xC0) != 0x80)
                    return i;
                codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
            }

            // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
            if (codePoint < minimum || codePoint is >= 0xD800 and <= 0xDFFF || codePoint > 0x10FFFF)
                return i;
            i += continuation + 1;
        }

        return -1;
    }
}
