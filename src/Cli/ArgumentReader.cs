namespace ManifestLint.Cli;

/// <summary>Reads <c>--option value</c>, <c>--option=value</c>, flags and positional arguments, in any order.</summary>
public sealed class ArgumentReader
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);
    private readonly List<string> positionals = [];
    private readonly HashSet<string> consumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> repeated = new(StringComparer.Ordinal);

    public ArgumentReader(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        using var enumerator = args.GetEnumerator();
        var onlyPositionals = false;
        while (enumerator.MoveNext())
        {
            var arg = enumerator.Current;
            if (onlyPositionals || arg == "-" || !arg.StartsWith("-", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg.Substring(0, equals) : arg;
            if (flags.Contains(name))
            {
                if (equals > 0)
                    throw new UsageException($"option {name} takes no value");
                options[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                if (equals > 0)
                    options[name] = arg.Substring(equals + 1);
                else if (enumerator.MoveNext())
                    options[name] = enumerator.Current;
                else
                    throw new UsageException($"option {name} needs a value");
                if (!repeated.TryGetValue(name, out var values))
                    repeated[name] = values = [];
                values.Add(options[name]!);
            }
            else
            {
                throw new UsageException($"unknown option '{name}'{Engine.Spelling.Hint(name, valueOptions.Concat(flags).Where(option => option.StartsWith("--", StringComparison.Ordinal)))}");
            }
        }
    }

    public IReadOnlyList<string> Positionals => positionals;

    public bool Flag(string name) => options.ContainsKey(name);

    public string? Value(string name) => options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every value of a repeatable option, in order (<see cref="Value"/> gives the last one).</summary>
    public IReadOnlyList<string> Values(string name) => repeated.TryGetValue(name, out var values) ? values : [];

    public string Choice(string name, IReadOnlyCollection<string> allowed, string defaultValue)
    {
        var value = Value(name) ?? defaultValue;
        return allowed.Contains(value)
            ? value
            : throw new UsageException($"{name} must be one of {string.Join(", ", allowed)}, not '{value}'");
    }

    public int? NonNegativeInteger(string name)
    {
        var value = Value(name);
        if (value is null)
            return null;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new UsageException($"{name} must be a non-negative integer, not '{value}'");
    }
}
