using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Analyzers.CSharp;

/// <summary>
/// The value of a constant C# string literal and, for each of its characters, the source span that wrote it
/// (<c>\n</c> in a regular string is two source characters for one value character), so a finding in YAML held in
/// a string squiggles the exact characters inside the literal.
/// </summary>
internal sealed class StringLiteralText
{
    private readonly int[] starts;
    private readonly int[] ends;

    private StringLiteralText(string value, int[] starts, int[] ends)
    {
        Value = value;
        this.starts = starts;
        this.ends = ends;
    }

    public string Value { get; }

    /// <summary>The source span of the value characters [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public TextSpan SourceSpan(int start, int end)
    {
        start = Math.Max(0, Math.Min(start, Value.Length - 1));
        end = Math.Max(start + 1, Math.Min(end, Value.Length));
        return TextSpan.FromBounds(starts[start], Math.Max(starts[start], ends[end - 1]));
    }

    /// <summary>
    /// The text of a string literal or of an interpolated string whose holes are constants; null otherwise. When the
    /// character positions cannot be followed (raw interpolated strings), every character maps to the whole literal.
    /// </summary>
    public static StringLiteralText? From(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetConstantValue(expression, cancellationToken) is not { HasValue: true, Value: string { Length: > 0 } value })
            return null;
        var builder = new Builder();
        var followed = expression switch
        {
            LiteralExpressionSyntax literal => builder.AddToken(literal.Token),
            InterpolatedStringExpressionSyntax interpolated => builder.AddInterpolated(interpolated, model, cancellationToken),
            _ => false,
        };
        if (followed && builder.Text.ToString() == value)
            return new StringLiteralText(value, [.. builder.Starts], [.. builder.Ends]);
        var whole = expression.Span;
        return new StringLiteralText(value, Enumerable.Repeat(whole.Start, value.Length).ToArray(), Enumerable.Repeat(whole.End, value.Length).ToArray());
    }

    private sealed class Builder
    {
        public StringBuilder Text { get; } = new();

        public List<int> Starts { get; } = [];

        public List<int> Ends { get; } = [];

        private void Add(char character, int start, int end)
        {
            Text.Append(character);
            Starts.Add(start);
            Ends.Add(end);
        }

        public bool AddToken(SyntaxToken token)
        {
            var source = token.Text;
            var offset = token.SpanStart;
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken when source.StartsWith("@\"", StringComparison.Ordinal):
                    return AddVerbatim(source, offset, 2, source.Length - 1, braces: false);
                case SyntaxKind.StringLiteralToken when source.StartsWith("\"", StringComparison.Ordinal):
                    return AddRegular(source, offset, 1, source.Length - 1, braces: false);
                case SyntaxKind.SingleLineRawStringLiteralToken:
                {
                    var quotes = CountQuotes(source, 0);
                    for (var i = quotes; i < source.Length - quotes; i++)
                        Add(source[i], offset + i, offset + i + 1);
                    return true;
                }

                case SyntaxKind.MultiLineRawStringLiteralToken:
                    return AddMultiLineRaw(source, offset);
                default:
                    return false;
            }
        }

        public bool AddInterpolated(InterpolatedStringExpressionSyntax interpolated, SemanticModel model, CancellationToken cancellationToken)
        {
            var start = interpolated.StringStartToken.Text;
            var verbatim = start.Contains('@');
            if (start.EndsWith("\"\"\"", StringComparison.Ordinal))
                return false;
            foreach (var content in interpolated.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax { TextToken: var token }:
                        var ok = verbatim
                            ? AddVerbatim(token.Text, token.SpanStart, 0, token.Text.Length, braces: true)
                            : AddRegular(token.Text, token.SpanStart, 0, token.Text.Length, braces: true);
                        if (!ok)
                            return false;
                        break;
                    case InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole when
                        model.GetConstantValue(hole.Expression, cancellationToken) is { HasValue: true, Value: string text }:
                        foreach (var character in text)
                            Add(character, hole.SpanStart, hole.Span.End);
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private bool AddVerbatim(string source, int offset, int from, int to, bool braces)
        {
            for (var i = from; i < to; i++)
            {
                var doubled = (source[i] == '"' || (braces && source[i] is '{' or '}')) && i + 1 < to && source[i + 1] == source[i];
                Add(source[i], offset + i, offset + i + (doubled ? 2 : 1));
                if (doubled)
                    i++;
            }

            return true;
        }

        private bool AddRegular(string source, int offset, int from, int to, bool braces)
        {
            for (var i = from; i < to; i++)
            {
                var character = source[i];
                if (braces && character is '{' or '}' && i + 1 < to && source[i + 1] == character)
                {
                    Add(character, offset + i, offset + i + 2);
                    i++;
                    continue;
                }

                if (character != '\\')
                {
                    Add(character, offset + i, offset + i + 1);
                    continue;
                }

                if (i + 1 >= to)
                    return false;
                var escape = source[i + 1];
                var length = escape switch
                {
                    'x' => 2 + CountHex(source, i + 2, to, 4),
                    'u' => 6,
                    'U' => 10,
                    _ => 2,
                };
                if (i + length > to)
                    return false;
                var decoded = escape switch
                {
                    'x' or 'u' or 'U' => char.ConvertFromUtf32(Convert.ToInt32(source.Substring(i + 2, length - 2), 16)),
                    'n' => "\n", 'r' => "\r", 't' => "\t", '0' => "\0", 'a' => "\a", 'b' => "\b", 'f' => "\f",
                    'v' => "\v", 'e' => "\u001b", _ => escape.ToString(),
                };
                foreach (var unit in decoded)
                    Add(unit, offset + i, offset + i + length);
                i += length - 1;
            }

            return true;
        }

        // The content lines lose the closing line's indentation; the newlines around the content are not part of it.
        private bool AddMultiLineRaw(string source, int offset)
        {
            var quotes = CountQuotes(source, 0);
            var firstLineEnd = source.IndexOf('\n', quotes);
            var closingLineStart = source.LastIndexOf('\n', source.Length - quotes - 1);
            if (firstLineEnd < 0 || closingLineStart <= firstLineEnd)
                return closingLineStart == firstLineEnd;
            var indentation = source.Length - quotes - (closingLineStart + 1);
            var contentEnd = closingLineStart > 0 && source[closingLineStart - 1] == '\r' ? closingLineStart - 1 : closingLineStart;
            var lineStart = firstLineEnd + 1;
            while (lineStart <= contentEnd)
            {
                var lineEnd = source.IndexOf('\n', lineStart);
                if (lineEnd < 0 || lineEnd >= contentEnd)
                    lineEnd = contentEnd;
                else
                    lineEnd++;
                // A line of only whitespace is an empty line, however short its indentation.
                var terminator = lineEnd;
                while (terminator > lineStart && source[terminator - 1] is '\r' or '\n')
                    terminator--;
                var textStart = Math.Min(lineStart + indentation, terminator);
                for (var i = textStart; i < lineEnd; i++)
                    Add(source[i], offset + i, offset + i + 1);
                if (lineEnd == contentEnd)
                    break;
                lineStart = lineEnd;
            }

            return true;
        }

        private static int CountQuotes(string source, int from)
        {
            var count = 0;
            while (from + count < source.Length && source[from + count] == '"')
                count++;
            return count;
        }

        private static int CountHex(string source, int from, int to, int max)
        {
            var count = 0;
            while (count < max && from + count < to && Uri.IsHexDigit(source[from + count]))
                count++;
            return count;
        }
    }
}
