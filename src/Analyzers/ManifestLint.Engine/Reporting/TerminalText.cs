using System.Globalization;
using System.Text;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// Keeps text from a manifest (names, values, paths) from driving a terminal or a CI log that renders ANSI: control
/// characters other than tab become <c>\u001b</c>-style escapes, so only ManifestLint's own colour codes remain.
/// </summary>
public static class TerminalText
{
    public static string Clean(string text)
    {
        StringBuilder? builder = null;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            var control = character != '\t' && (character < ' ' || character is >= '\u007f' and <= '\u009f');
            if (!control && builder is null)
                continue;
            builder ??= new StringBuilder(text, 0, index, text.Length + 8);
            if (control)
                builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
            else
                builder.Append(character);
        }

        return builder?.ToString() ?? text;
    }
}
