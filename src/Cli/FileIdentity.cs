using System.Runtime.InteropServices;

namespace ManifestLint.Cli;

/// <summary>What a path is, by <c>stat</c>: the file type decides whether it is opened at all.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, device or socket: opening or reading it can block forever or never end.</summary>
    Special,
}

/// <summary>
/// The type and identity (device and inode) of a path, following symlinks. On Unix from libc <c>stat</c>, since
/// .NET's <see cref="FileAttributes"/> call a FIFO or a device "Normal"; on Windows, where neither exists among
/// files, from <see cref="FileSystemInfo"/>, with the final link target's full path as the identity.
/// </summary>
internal readonly record struct FileIdentity(FileKind Kind, string Id)
{
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileIdentity Of(string path)
    {
        if (!OperatingSystem.IsWindows() && UnixStat.TryStat(path, out var mode, out var device, out var inode))
        {
            var kind = (mode & FileTypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            };
            return new FileIdentity(kind, $"{device}:{inode}");
        }

        if (Directory.Exists(path))
            return new FileIdentity(FileKind.Directory, RealPath(new DirectoryInfo(path)));
        if (File.Exists(path))
            return new FileIdentity(FileKind.Regular, RealPath(new FileInfo(path)));
        return new FileIdentity(FileKind.Missing, path);
    }

    private static string RealPath(FileSystemInfo info)
    {
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return info.FullName;
        }
    }

    /// <summary>libc <c>stat</c> into a buffer; the fields used sit at fixed offsets per platform.</summary>
    private static class UnixStat
    {
        [DllImport("libc", EntryPoint = "stat")]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

        private static bool unavailable;

        public static bool TryStat(string path, out int mode, out ulong device, out ulong inode)
        {
            mode = 0;
            device = inode = 0;
            if (unavailable || Layout() is not { } layout)
                return false;
            var buffer = new byte[256];
            try
            {
                // A missing path or dangling link: the caller's File/Directory checks say so.
                if (Stat(path, buffer) != 0)
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
            OperatingSystem.IsMacOS() ? (4, true, true)
            : OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, false, false)
            : OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? (16, false, false)
            : null;
    }
}
