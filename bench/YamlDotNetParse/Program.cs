using YamlDotNet.Core;

// Parses every YAML/JSON file under the arguments into YamlDotNet's events and keeps nothing: what a check costs
// before any tree, rule or report, fed as `manifestlint check` feeds it: files read on every core, one parsed at a
// time (YamlDotNet's StringBuilder pool is shared by every thread, and two parsing threads contend on it).
var files = args.SelectMany(argument => File.Exists(argument)
        ? [argument]
        : Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal)))
    .ToArray();
long events = 0;
var failed = 0;
var parsing = new object();
Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
{
    var parser = new Parser(new Scanner(new StringReader(File.ReadAllText(files[index])), skipComments: true));
    long count = 0;
    lock (parsing)
    {
        try
        {
            while (parser.MoveNext())
                count++;
        }
        catch (YamlException)
        {
            Interlocked.Increment(ref failed);
        }
    }

    Interlocked.Add(ref events, count);
});
Console.WriteLine($"{files.Length} files, {events} events, {failed} with a syntax error");
