using System.Globalization;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// A minimal streaming JSON writer with two-space indentation. The engine ships inside the MSBuild task and the
/// Roslyn analyzer, where a System.Text.Json dependency would clash with the host's copy, so it writes JSON itself.
/// </summary>
internal sealed class JsonWriter(TextWriter output)
{
    private const string Indent = "  ";

    // One entry per open object or array: has it got a member yet?
    private readonly Stack<bool> containers = new();
    private bool afterPropertyName;

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Property(string name)
    {
        BeforeValue();
        WriteString(name);
        output.Write(": ");
        afterPropertyName = true;
        return this;
    }

    public JsonWriter String(string? value)
    {
        BeforeValue();
        if (value is null)
            output.Write("null");
        else
            WriteString(value);
        return this;
    }

    public JsonWriter Number(long value)
    {
        BeforeValue();
        output.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter Boolean(bool value)
    {
        BeforeValue();
        output.Write(value ? "true" : "false");
        return this;
    }

    public JsonWriter Null()
    {
        BeforeValue();
        output.Write("null");
        return this;
    }

    public JsonWriter Property(string name, string? value) => Property(name).String(value);

    public JsonWriter Property(string name, long value) => Property(name).Number(value);

    public JsonWriter Property(string name, bool value) => Property(name).Boolean(value);

    /// <summary>Ends the document with a newline; every container must be closed.</summary>
    public void EndDocument()
    {
        if (containers.Count != 0)
            throw new InvalidOperationException("JSON document ended with open containers");
        output.Write('\n');
    }

    /// <summary>Writes <paramref name="value"/> as a JSON string literal (RFC 8259 escaping).</summary>
    public static string Quote(string value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new JsonWriter(writer).WriteString(value);
        return writer.ToString();
    }

    private JsonWriter Open(char bracket)
    {
        BeforeValue();
        output.Write(bracket);
        containers.Push(false);
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        if (containers.Count == 0 || afterPropertyName)
            throw new InvalidOperationException($"unbalanced '{bracket}'");
        var hasMembers = containers.Pop();
        if (hasMembers)
            NewLine();
        output.Write(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (afterPropertyName)
        {
            afterPropertyName = false;
            return;
        }

        if (containers.Count == 0)
            return;
        if (containers.Peek())
            output.Write(',');
        containers.Pop();
        containers.Push(true);
        NewLine();
    }

    private void NewLine()
    {
        output.Write('\n');
        for (var level = 0; level < containers.Count; level++)
            output.Write(Indent);
    }

    private void WriteString(string value)
    {
        output.Write('"');
        var runStart = 0;
        for (var index = 0; index < value.Length; index++)
        {
            var escape = Escape(value, index);
            if (escape is null)
                continue;
            if (index > runStart)
                output.Write(value.Substring(runStart, index - runStart));
            output.Write(escape);
            runStart = index + 1;
        }

        if (runStart < value.Length)
            output.Write(runStart == 0 ? value : value.Substring(runStart));
        output.Write('"');
    }

    private static string? Escape(string value, int index)
    {
        var character = value[index];
        switch (character)
        {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\b': return "\\b";
            case '\f': return "\\f";
        }

        if (character < 0x20 || character is '\u007f' or '\u2028' or '\u2029')
            return UnicodeEscape(character);

        // A lone surrogate cannot be encoded as UTF-8; escaping keeps the output valid JSON text.
        if (char.IsHighSurrogate(character))
            return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]) ? null : UnicodeEscape(character);
        if (char.IsLowSurrogate(character))
            return index > 0 && char.IsHighSurrogate(value[index - 1]) ? null : UnicodeEscape(character);
        return null;
    }

    private static string UnicodeEscape(char character) =>
        "\\u" + ((int)character).ToString("x4", CultureInfo.InvariantCulture);
}
