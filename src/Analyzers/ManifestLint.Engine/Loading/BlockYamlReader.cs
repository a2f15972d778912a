using ManifestLint.Engine.Configuration;

namespace ManifestLint.Engine.Loading;

/// <summary>
/// Reads the plain block YAML most manifests are written in straight into the tree, without YamlDotNet: block
/// mappings and sequences with one-word keys, one-line plain and quoted scalars (double-quoted ones without escapes),
/// comments and <c>---</c> between documents. Anything else in a file (flow collections, anchors, aliases, tags, block
/// or multi-line scalars, escapes, an indicator after a space in a plain scalar, tabs, carriage returns, non-ASCII
/// text, duplicate or merge keys, a suppression comment, an empty document, <c>...</c>) hands the whole file to
/// YamlDotNet, which also reports every error.
/// </summary>
/// <remarks>
/// Why it exists: YamlDotNet's scanner rents its StringBuilders from one pool that every thread shares, so the engine
/// parses one file at a time with it (<see cref="YamlTreeReader"/>); this reader runs on every core and makes one
/// object per node. The tree it builds is the one YamlDotNet's events build, node for node and position for position:
/// <c>BlockYamlReaderTests</c> compares the two on every fixture, sample and corpus file it accepts, and on random
/// edits of the samples.
/// </remarks>
internal sealed class BlockYamlReader
{
    private readonly string text;
    private readonly InputLimits limits;
    private readonly List<ManifestNode?> documents = [];
    private readonly List<SourcePosition> documentStarts = [];
    private readonly SharedStrings strings = SharedStrings.OfThisThread;

    // The current line: its number (0-based), where it starts and ends (at its '\n' or the end of the text), and its
    // indentation. Blank and comment lines are skipped as the reader moves.
    private int line;
    private int lineStart;
    private int lineEnd;
    private int indent;
    private bool atEnd;

    private BlockYamlReader(string text, InputLimits limits)
    {
        this.text = text;
        this.limits = limits;
    }

    /// <summary>
    /// The file's documents, or null when the file is not in the subset this reader knows. The caller has checked the
    /// nesting depth (<see cref="NestingPrescan"/>), which bounds this reader's recursion.
    /// </summary>
    public static YamlStreamContent? TryRead(string text, InputLimits limits)
    {
        if (!IsPlainAscii(text) || text.IndexOf(SuppressionSet.CommentMarker, StringComparison.Ordinal) >= 0)
            return null;
        var reader = new BlockYamlReader(text, limits);
        return reader.ReadDocuments()
            ? new YamlStreamContent(reader.documents, reader.documentStarts, [], [], HasNonScalarKeys: false)
            : null;
    }

    // Tabs, carriage returns, control characters and non-ASCII text are YamlDotNet's: positions are counted in
    // UTF-16 units there, and tabs and line ends have rules of their own.
    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is > '~' or (< ' ' and not '\n'))
                return false;
        }

        return true;
    }

    private bool ReadDocuments()
    {
        lineEnd = -1;
        line = -1;
        NextLine();
        var explicitStart = false;
        while (true)
        {
            SkipInsignificant();
            if (atEnd)
                return !explicitStart;
            if (IsDocumentMarker())
            {
                if (text[lineStart] == '.' || explicitStart || !IsLineEnd(lineStart + 3))
                    return false;
                explicitStart = true;
                documentStarts.Add(Position(lineStart));
                NextLine();
                continue;
            }

            if (indent != 0 || text[lineStart] == '%')
                return false;
            if (!explicitStart)
                documentStarts.Add(Position(lineStart));
            if (documentStarts.Count > limits.MaxDocuments)
                return false;
            var root = ReadNode(lineStart, 0);
            if (root is null)
                return false;
            documents.Add(root);
            SkipInsignificant();
            if (!atEnd && !IsDocumentMarker())
                return false;
            explicitStart = false;
        }
    }

    /// <summary>A mapping or sequence starting at <paramref name="at"/> on the current line, at column <paramref name="column"/>.</summary>
    private ManifestNode? ReadNode(int at, int column) =>
        IsEntry(at) ? ReadSequence(at, column) : KeyEnd(at) >= 0 ? ReadMapping(at, column) : null;

    private ManifestMapping? ReadMapping(int at, int column)
    {
        var mapping = new ManifestMapping(Position(at), Position(at));
        while (true)
        {
            var keyEnd = KeyEnd(at);
            if (keyEnd < 0)
                return null;
            var key = new ManifestScalar(strings.Share(text.Substring(at, keyEnd - at)), isPlain: true, Position(at), Position(keyEnd));
            if (key.Value == "<<" || mapping.ContainsKey(key.Value))
                return null;
            var afterColon = keyEnd + 1;
            var valueStart = SkipSpaces(afterColon);
            ManifestNode? value;
            if (!IsLineEnd(afterColon))
            {
                value = ReadScalar(valueStart);
                NextLine();
            }
            else
            {
                value = ReadBelow(afterColon, column, sequenceAtColumn: true);
            }

            if (value is null)
                return null;
            mapping.Add(new ManifestEntry(key, value));
            // A block collection ends where its last value ends, as the tree YamlDotNet's events build.
            mapping.End = value.End;
            SkipInsignificant();
            if (atEnd || IsDocumentMarker() || indent < column)
                break;
            if (indent > column)
                return null;
            at = lineStart + indent;
        }

        return mapping;
    }

    private ManifestSequence? ReadSequence(int at, int column)
    {
        var sequence = new ManifestSequence(Position(at), Position(at));
        // Every `at` is an entry's dash: the caller's first, then each one the loop checks before moving on.
        while (true)
        {
            var afterDash = at + 1;
            var itemStart = SkipSpaces(afterDash);
            ManifestNode? item;
            if (IsLineEnd(afterDash))
            {
                item = ReadBelow(afterDash, column, sequenceAtColumn: false);
            }
            else if (IsEntry(itemStart))
            {
                return null;
            }
            else if (KeyEnd(itemStart) >= 0)
            {
                item = ReadMapping(itemStart, itemStart - lineStart);
            }
            else
            {
                item = ReadScalar(itemStart);
                NextLine();
            }

            if (item is null)
                return null;
            sequence.Add(item);
            sequence.End = item.End;
            SkipInsignificant();
            if (atEnd || IsDocumentMarker() || indent < column)
                break;
            if (indent > column)
                return null;
            if (!IsEntry(lineStart + indent))
                break;
            at = lineStart + indent;
        }

        return sequence;
    }

    /// <summary>
    /// The value of a key or an item whose line ends after its indicator: the block nested below it, or else an empty
    /// scalar just after the indicator, where YamlDotNet puts it. A key's value may also be a sequence at the key's
    /// own column; at an item's column, a dash starts the next item.
    /// </summary>
    private ManifestNode? ReadBelow(int afterIndicator, int column, bool sequenceAtColumn)
    {
        var empty = Position(afterIndicator);
        NextLine();
        SkipInsignificant();
        var nested = !atEnd && !IsDocumentMarker() &&
            (indent > column || (sequenceAtColumn && indent == column && IsEntry(lineStart + indent)));
        return nested ? ReadNode(lineStart + indent, indent) : new ManifestScalar(string.Empty, isPlain: true, empty, empty);
    }

    /// <summary>A one-line scalar from <paramref name="at"/> to the end of the line or a comment, or null when it is more than that.</summary>
    private ManifestScalar? ReadScalar(int at)
    {
        var quote = text[at];
        if (quote is '\'' or '"')
            return ReadQuoted(at, quote);
        if (!CanStartPlain(at))
            return null;
        var end = at;
        for (var i = at; i < lineEnd; i++)
        {
            var c = text[i];
            // A value that reads as a key is YamlDotNet's to reject.
            if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' '))
                return null;
            if (c == '#' && text[i - 1] == ' ')
                break;
            if (c == ' ' && i + 1 < lineEnd && IsIndicator(text[i + 1]) && text[i + 1] != '#')
                return null;
            if (c != ' ')
                end = i + 1;
        }

        return new ManifestScalar(strings.Share(text.Substring(at, end - at)), isPlain: true, Position(at), Position(end));
    }

    // A quoted scalar closed on its own line; a double-quoted one only without escapes.
    private ManifestScalar? ReadQuoted(int at, char quote)
    {
        System.Text.StringBuilder? unquoted = null;
        var runStart = at + 1;
        var i = runStart;
        while (true)
        {
            if (i >= lineEnd || (quote == '"' && text[i] == '\\'))
                return null;
            if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < lineEnd && text[i + 1] == '\'')
                {
                    (unquoted ??= new()).Append(text, runStart, i + 1 - runStart);
                    i += 2;
                    runStart = i;
                    continue;
                }

                break;
            }

            i++;
        }

        var value = unquoted is null ? text.Substring(runStart, i - runStart) : unquoted.Append(text, runStart, i - runStart).ToString();
        return IsLineEnd(i + 1) ? new ManifestScalar(strings.Share(value), isPlain: false, Position(at), Position(i + 1)) : null;
    }

    /// <summary>Where the plain key starting at <paramref name="at"/> ends (its ':'), or -1 when the line holds no such key.</summary>
    private int KeyEnd(int at)
    {
        if (!CanStartPlain(at))
            return -1;
        for (var i = at; i < lineEnd; i++)
        {
            var c = text[i];
            // A key here is one word. YamlDotNet reads a ':' that ends the text, with no line break after it, as part
            // of a plain scalar.
            if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' '))
                return i + 1 == text.Length ? -1 : i;
            if (c == ' ')
                return -1;
        }

        return -1;
    }

    // YAML's indicators cannot start a plain scalar; '-' can when a non-space follows (-1, --flag).
    private bool CanStartPlain(int at)
    {
        var c = text[at];
        if (c == '-')
            return at + 1 < lineEnd && text[at + 1] != ' ';
        return !IsIndicator(c);
    }

    // After a space inside a plain scalar too, an indicator is YamlDotNet's to read: its scanner treats some of them
    // there (" *a: b" is one scalar to it, not a key and a value).
    private static bool IsIndicator(char c) =>
        c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`';

    private bool IsEntry(int at) => text[at] == '-' && (at + 1 == lineEnd || text[at + 1] == ' ');

    // `---` or `...` alone or before a space at the start of a line: a document marker, never a key or a value, and
    // the end of every collection open above it.
    private bool IsDocumentMarker() =>
        indent == 0 && lineEnd - lineStart >= 3 &&
        (string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0 || string.CompareOrdinal(text, lineStart, "...", 0, 3) == 0) &&
        (lineEnd - lineStart == 3 || text[lineStart + 3] == ' ');

    /// <summary>True when only spaces, or spaces and a comment, follow <paramref name="from"/> on the line.</summary>
    private bool IsLineEnd(int from)
    {
        var next = SkipSpaces(from);
        return next == lineEnd || (text[next] == '#' && next > from);
    }

    private int SkipSpaces(int from)
    {
        while (from < lineEnd && text[from] == ' ')
            from++;
        return from;
    }

    private void NextLine()
    {
        lineStart = lineEnd + 1;
        line++;
        if (lineStart >= text.Length)
        {
            atEnd = true;
            lineStart = lineEnd = text.Length;
            indent = 0;
            return;
        }

        lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = text.Length;
        indent = SkipSpaces(lineStart) - lineStart;
    }

    private void SkipInsignificant()
    {
        while (!atEnd && (lineStart + indent == lineEnd || text[lineStart + indent] == '#'))
            NextLine();
    }

    private SourcePosition Position(int offset) => new(line + 1, offset - lineStart + 1, offset);
}
