namespace ManifestLint.Engine.Loading;

/// <summary>A document whose nesting goes past the limit: where it starts and where the limit is first passed.</summary>
internal readonly record struct TooDeepDocument(int DocumentStart, int At);

/// <summary>
/// Measures nesting (block indentation levels, <c>- </c> indicators and flow brackets) in one linear pass, before
/// YamlDotNet sees the text: its scanner is quadratic in flow depth, so a deep document must never reach it. The
/// measure may overcount odd plain scalars but never undercounts what the parser would nest.
/// </summary>
internal static class NestingPrescan
{
    public static List<TooDeepDocument> Find(string text, int maxDepth)
    {
        var found = new List<TooDeepDocument>();
        var indents = new List<int>();
        var documentStart = 0;
        var flowDepth = 0;
        var quote = '\0';
        var reported = false;
        var blockScalarIndent = -1;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            var position = lineStart;
            if (IsDocumentMarker(text, lineStart))
            {
                indents.Clear();
                documentStart = lineStart;
                flowDepth = 0;
                quote = '\0';
                reported = false;
                blockScalarIndent = -1;
                position = lineStart + 3;
            }

            var indent = 0;
            while (lineStart + indent < lineEnd && text[lineStart + indent] == ' ')
                indent++;
            var blank = lineStart + indent >= lineEnd || text[lineStart + indent] is '\r' or '#';
            if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent))
            {
                lineStart = lineEnd + 1;
                continue;
            }

            blockScalarIndent = -1;
            var blockDepth = 0;
            if (quote == '\0' && flowDepth == 0 && position == lineStart)
            {
                if (blank)
                {
                    lineStart = lineEnd + 1;
                    continue;
                }

                while (indents.Count > 0 && indents[indents.Count - 1] > indent)
                    indents.RemoveAt(indents.Count - 1);
                if (indents.Count == 0 || indents[indents.Count - 1] < indent)
                    indents.Add(indent);
                position = lineStart + indent;
                // "- - - x" and "? " nest on one line.
                while (position + 1 < lineEnd && text[position] is '-' or '?' && text[position + 1] is ' ' or '\t')
                {
                    blockDepth++;
                    position += 2;
                    while (position < lineEnd && text[position] == ' ')
                        position++;
                }
            }

            var depth = indents.Count + blockDepth;
            var valueStart = true;
            for (; position < lineEnd && !reported; position++)
            {
                var c = text[position];
                if (quote != '\0')
                {
                    if (c == '\\' && quote == '"')
                        position++;
                    else if (c == quote)
                        quote = '\0';
                    continue;
                }

                if (c == '#' && (position == lineStart || char.IsWhiteSpace(text[position - 1])))
                    break;
                // An anchor or tag before a value: the value starts after it.
                if (valueStart && c is '&' or '!')
                {
                    while (position + 1 < lineEnd && !char.IsWhiteSpace(text[position + 1]) && text[position + 1] is not ('[' or '{' or ',' or ']' or '}'))
                        position++;
                    continue;
                }

                if (valueStart && c is '"' or '\'')
                {
                    quote = c;
                    continue;
                }

                if (c is '[' or '{' && (valueStart || flowDepth > 0))
                {
                    flowDepth++;
                    if (depth + flowDepth > maxDepth)
                    {
                        found.Add(new TooDeepDocument(documentStart, position));
                        reported = true;
                    }
                }
                else if (c is ']' or '}' && flowDepth > 0)
                {
                    flowDepth--;
                }
                else if (flowDepth == 0 && valueStart && c is '|' or '>')
                {
                    blockScalarIndent = indent;
                }

                // Where a value may begin: in flow after any separator; in block context only after "key: ".
                var keyIndicator = c == ':' && (position + 1 >= lineEnd || text[position + 1] is ' ' or '\t' or '\r');
                valueStart = flowDepth > 0
                    ? c is ' ' or '\t' or '[' or '{' or ',' or ':'
                    : keyIndicator || (valueStart && c is ' ' or '\t');
                if (keyIndicator && flowDepth == 0)
                    depth++;
            }

            if (!reported && depth + flowDepth > maxDepth)
            {
                found.Add(new TooDeepDocument(documentStart, lineStart + indent));
                reported = true;
            }

            lineStart = lineEnd + 1;
        }

        return found;
    }

    public static bool IsDocumentMarker(string text, int lineStart) =>
        string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0 &&
        (lineStart + 3 == text.Length || char.IsWhiteSpace(text[lineStart + 3]));
}
