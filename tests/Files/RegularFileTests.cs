using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Init.Files;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Files;

public sealed class RegularFileTests : IDisposable
{
    private readonly Scratch _scratch = new("regular-file");

    public void Dispose() => _scratch.Dispose();

    /// <summary>RegularFile.TryRead on a thread of its own, so that a read that blocks fails the test instead of hanging the run.</summary>
    private static (byte[]? Bytes, FileRefusal? Refusal) Read(string path, int limit)
    {
        var read = Task.Run(() => RegularFile.TryRead(path, limit, out byte[]? bytes, out var refusal) ? (bytes, null) : ((byte[]?)null, refusal));
        Assert.True(read.Wait(InitProcess.Patience), $"reading {path} blocked");
        return read.Result;
    }

    private static string Refusal(string path, int limit)
    {
        var (bytes, refusal) = Read(path, limit);
        Assert.Null(bytes);
        return Assert.IsType<FileRefusal>(refusal).Reason;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Reads_a_regular_file_whole_up_to_the_limit(int length)
    {
        string path = _scratch.File("file");
        byte[] content = new byte[length];
        new Random(length).NextBytes(content);
        File.WriteAllBytes(path, content);
        Assert.Equal(content, Read(path, limit: length).Bytes);
    }

    [Fact]
    public void A_file_one_byte_over_the_limit_is_refused_naming_the_limit()
    {
        string path = _scratch.File("file");
        File.WriteAllBytes(path, new byte[1025]);
        Assert.Equal("it is larger than 1 KiB", Refusal(path, 1024));
        File.WriteAllBytes(path, new byte[(4 << 20) + 1]);
        Assert.Equal("it is larger than 4 MiB", Refusal(path, 4 << 20));
        Assert.Equal("it is larger than 1000 bytes", Refusal(path, 1000));
    }

    [Fact]
    public void A_proc_file_is_read_to_its_end_though_its_size_says_0()
    {
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        string status = Encoding.UTF8.GetString(Read("/proc/self/status", 1 << 20).Bytes!);
        Assert.StartsWith("Name:", status);
        Assert.Contains("\nUid:", status);
        Assert.Contains("\nGroups:", status);
        Assert.EndsWith("\n", status);
    }

    [Fact]
    public void A_proc_file_longer_than_the_limit_is_refused_though_its_size_says_0() =>
        Assert.Equal("it is larger than 100 bytes", Refusal("/proc/self/status", 100));

    [Fact]
    public void A_FIFO_is_refused_without_waiting_for_a_writer()
    {
        string path = _scratch.File("fifo");
        Libc.MakeFifo(path);
        Assert.Equal("it is a FIFO, not a regular file", Refusal(path, 4096));
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused_as_the_device_it_leads_to()
    {
        string path = _scratch.File("zero");
        File.CreateSymbolicLink(path, "/dev/zero");
        Assert.Equal("it is a character device, not a regular file", Refusal(path, 1 << 20));
    }

    [Fact]
    public void A_directory_and_a_socket_are_refused_naming_what_they_are()
    {
        Assert.Equal("it is a directory, not a regular file", Refusal(_scratch.Path, 4096));
        string path = _scratch.File("socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal("it is a socket, not a regular file", Refusal(path, 4096));
    }

    [Fact]
    public void A_missing_file_and_a_path_through_a_file_are_missing_and_nothing_else_is()
    {
        string file = _scratch.File("file");
        File.WriteAllText(file, "x");
        var (_, missing) = Read(_scratch.File("nothing"), 4096);
        Assert.Equal(("No such file or directory", true), (missing!.Reason, missing.Missing));
        var (_, throughFile) = Read(Path.Combine(file, "passwd"), 4096);
        Assert.Equal(("Not a directory", true), (throughFile!.Reason, throughFile.Missing));
        Assert.False(Read("/dev/zero", 4096).Refusal!.Missing);
        Assert.False(Read(file, 0).Refusal!.Missing);
    }

    [Fact]
    public void A_regular_file_is_opened_to_write_and_a_FIFO_is_not()
    {
        string file = _scratch.File("file");
        File.WriteAllText(file, "12345");
        Assert.True(RegularFile.TryOpen(file, Tmds.Linux.LibC.O_WRONLY, out int fd, out long size, out _));
        Assert.Equal(5, size);
        Assert.Equal(0, Tmds.Linux.LibC.close(fd));

        string fifo = _scratch.File("fifo");
        Libc.MakeFifo(fifo);
        Assert.False(RegularFile.TryOpen(fifo, Tmds.Linux.LibC.O_WRONLY, out fd, out _, out var refusal));
        Assert.Equal((-1, "it is a FIFO, not a regular file"), (fd, refusal.Reason));
    }
}
