using System.IO;
using System.Text;
using Init.Logging;

namespace Init.Cli;

/// <summary>A TextWriter for System.CommandLine's help, straight to a file descriptor.</summary>
internal sealed class FileDescriptorWriter(int fd) : TextWriter
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => _pending.Append(value);

    public override void Write(string? value) => _pending.Append(value);

    public override void Flush()
    {
        FileDescriptorOutput.WriteAll(fd, Encoding.UTF8.GetBytes(_pending.ToString()));
        _pending.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
