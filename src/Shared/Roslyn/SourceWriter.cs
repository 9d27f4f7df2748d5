using System.Text;

namespace Bloom.Roslyn;

/// <summary>
/// A minimal indented writer for generated source (after dotnet/runtime's SourceWriter): tracks indentation and
/// re-indents every line of a multi-line (raw string) block, always with "\n" line endings.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _builder = new();

    public int Indentation { get; set; }

    public SourceWriter OpenBlock()
    {
        WriteLine("{");
        Indentation++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
        return this;
    }

    public SourceWriter WriteLine()
    {
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes one or more lines (split on '\n'), each at the current indentation; blank lines stay empty.</summary>
    public SourceWriter WriteLine(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.Substring(start, end - start).TrimEnd('\r');
            if (line.Length > 0)
            {
                _builder.Append(' ', Indentation * SpacesPerLevel);
                _builder.Append(line);
            }

            _builder.Append('\n');
            start = end + 1;
        }

        return this;
    }

    public override string ToString() => _builder.ToString();
}
