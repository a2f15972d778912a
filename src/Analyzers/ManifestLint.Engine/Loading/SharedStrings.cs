namespace ManifestLint.Engine.Loading;

/// <summary>
/// One instance of each short scalar a thread's trees hold: keys and short values repeat in every manifest ("name",
/// "image", "app"), and a tree that shares them keeps fewer objects alive while its rules run; the parser's copies die
/// young. One table per thread, so it needs no lock; bounded, since a long-lived host (an IDE, a build server) keeps
/// its threads.
/// </summary>
internal sealed class SharedStrings
{
    private const int MaxLength = 32;
    private const int MaxCount = 8192;

    [ThreadStatic]
    private static SharedStrings? ofThisThread;

    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);

    public static SharedStrings OfThisThread => ofThisThread ??= new SharedStrings();

    public string Share(string value)
    {
        if (value.Length > MaxLength)
            return value;
        if (strings.TryGetValue(value, out var shared))
            return shared;
        if (strings.Count < MaxCount)
            strings.Add(value, value);
        return value;
    }
}
