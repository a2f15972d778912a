using System.Runtime.InteropServices;
using System.Text;

namespace ManifestLint.Engine.Loading;

/// <summary>What a path is, by <c>stat</c>: the file type decides whether it is opened at all.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, device or socket: opening or reading it can block forever or never end.</summary>
    Special,
}

/// <summary>
/// The type and identity (device and inode) of a path, following symlinks; shared by the CLI and the MSBuild task so
/// both read regular files only. On Unix from libc <c>stat</c>, since .NET's <see cref="FileAttributes"/> call a FIFO
/// or a device "Normal"; elsewhere, where neither exists among files, from <see cref="File"/> and
/// <see cref="Directory"/>, with the path that <c>canonicalPath</c> gives (default: the full path) as the identity.
/// </summary>
public readonly struct FileIdentity : IEquatable<FileIdentity>
{
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public FileIdentity(FileKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    public FileKind Kind { get; }

    /// <summary>Equal for two paths that name the same file or directory.</summary>
    public string Id { get; }

    /// <param name="path">The path to look at.</param>
    /// <param name="canonicalPath">Where <c>stat</c> is unavailable: a path's final link target, the identity of a regular file or directory.</param>
    public static FileIdentity Of(string path, Func<string, string>? canonicalPath = null)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && UnixStat.TryStat(path, out var mode, out var device, out var inode))
        {
            var kind = (mode & FileTypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            };
            return new FileIdentity(kind, $"{device}:{inode}");
        }

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            return new FileIdentity(FileKind.Directory, canonicalPath?.Invoke(fullPath) ?? fullPath);
        if (File.Exists(fullPath))
            return new FileIdentity(FileKind.Regular, canonicalPath?.Invoke(fullPath) ?? fullPath);
        return new FileIdentity(FileKind.Missing, path);
    }

    public bool Equals(FileIdentity other) => Kind == other.Kind && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is FileIdentity other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ (Id?.GetHashCode() ?? 0);

    public static bool operator ==(FileIdentity left, FileIdentity right) => left.Equals(right);

    public static bool operator !=(FileIdentity left, FileIdentity right) => !left.Equals(right);

    /// <summary>libc <c>stat</c> into a buffer; the fields used sit at fixed offsets per platform.</summary>
    private static class UnixStat
    {
        // Blittable arguments only (the path as NUL-terminated UTF-8 bytes): no run-time marshalling, NativeAOT-safe.
        [DllImport("libc", EntryPoint = "stat")]
        private static extern int Stat(byte[] path, byte[] buffer);

        private static bool unavailable;

        public static bool TryStat(string path, out int mode, out ulong device, out ulong inode)
        {
            mode = 0;
            device = inode = 0;
            if (unavailable || Layout() is not { } layout)
                return false;
            var buffer = new byte[256];
            var utf8Path = new byte[Encoding.UTF8.GetByteCount(path) + 1];
            Encoding.UTF8.GetBytes(path, 0, path.Length, utf8Path, 0);
            try
            {
                // A missing path or dangling link: the caller's File/Directory checks say so.
                if (Stat(utf8Path, buffer) != 0)
                    return false;
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                unavailable = true;
                return false;
            }

            mode = layout.ModeIs16Bits ? BitConverter.ToUInt16(buffer, layout.Mode) : BitConverter.ToInt32(buffer, layout.Mode);
            device = layout.DeviceIs32Bits ? BitConverter.ToUInt32(buffer, 0) : BitConverter.ToUInt64(buffer, 0);
            inode = BitConverter.ToUInt64(buffer, 8);
            return true;
        }

        private static (int Mode, bool ModeIs16Bits, bool DeviceIs32Bits)? Layout() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? (4, true, true)
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, false, false)
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? (16, false, false)
            : null;
    }
}
