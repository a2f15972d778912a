using System.Text;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Loading;

public sealed class SourceReaderTests
{
    [Fact]
    public void The_first_invalid_byte_is_found_wherever_it_falls_in_a_run_of_ASCII()
    {
        for (var position = 0; position < 40; position++)
        {
            var bytes = Encoding.ASCII.GetBytes(new string('a', 48));
            bytes[position] = 0xC0;

            Assert.Equal(position, SourceReader.FirstInvalidUtf8(bytes, 0, bytes.Length));
        }
    }

    [Theory]
    [InlineData("name: caf\u00e9 and more ASCII after it")]
    [InlineData("a label of twenty-one \U0001F680 bytes")]
    public void Valid_UTF_8_after_ASCII_runs_passes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(-1, SourceReader.FirstInvalidUtf8(bytes, 0, bytes.Length));
    }

    [Fact]
    public void A_sequence_cut_off_by_the_end_of_the_text_is_invalid_at_its_first_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("twelve bytes\u00e9");

        Assert.Equal(12, SourceReader.FirstInvalidUtf8(bytes, 0, bytes.Length - 1));
    }
}
