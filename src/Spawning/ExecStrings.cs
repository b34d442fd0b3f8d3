using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Init.Spawning;

/// <summary>A NULL-terminated array of NUL-terminated strings, as execve takes argv and envp.</summary>
/// <remarks>
/// The command's argv and environment are the kernel's own arrays (see ChildSpec.ForCommand): the
/// init reads argv[0] and PATH from them and hands them to posix_spawn as they are, so any bytes pass
/// through, and 100,000 arguments cost no copy.
/// </remarks>
internal readonly unsafe struct ExecStrings(byte** pointers)
{
    public byte** Pointers => pointers;

    public int Count
    {
        get
        {
            int count = 0;
            while (pointers[count] != null) count++;
            return count;
        }
    }

    public ReadOnlySpan<byte> this[int index] => MemoryMarshal.CreateReadOnlySpanFromNullTerminated(pointers[index]);

    /// <summary>The value of the first NAME=value entry whose "NAME=" is <paramref name="prefix"/>, or null.</summary>
    public byte[]? Find(ReadOnlySpan<byte> prefix)
    {
        for (byte** entry = pointers; *entry != null; entry++)
        {
            var text = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(*entry);
            if (text.StartsWith(prefix)) return text[prefix.Length..].ToArray();
        }
        return null;
    }

    /// <summary>
    /// These entries with <paramref name="entry"/> ("NAME=value") in place of the first one that sets
    /// NAME (at the end when none does) and without any other that sets it: a new array of pointers to
    /// the same strings, which lives as long as the init.
    /// </summary>
    public ExecStrings Setting(ReadOnlySpan<byte> entry)
    {
        int equals = entry.IndexOf((byte)'=');
        var copy = (byte*)NativeMemory.Alloc((nuint)entry.Length + 1);
        entry.CopyTo(new Span<byte>(copy, entry.Length));
        copy[entry.Length] = 0;
        return Replacing(entry[..(equals + 1)], copy);
    }

    /// <summary>These entries without any whose "NAME=" is <paramref name="prefix"/>: a new array of pointers to the same strings, which lives as long as the init.</summary>
    public ExecStrings Without(ReadOnlySpan<byte> prefix) => Replacing(prefix, null);

    /// <summary>Every entry that starts with <paramref name="prefix"/> left out; <paramref name="replacement"/>, unless null, in the place of the first (at the end when none).</summary>
    private ExecStrings Replacing(ReadOnlySpan<byte> prefix, byte* replacement)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)Count + 2, (nuint)sizeof(byte*));
        int kept = 0;
        bool placed = replacement == null;
        for (byte** p = pointers; *p != null; p++)
        {
            if (!MemoryMarshal.CreateReadOnlySpanFromNullTerminated(*p).StartsWith(prefix)) array[kept++] = *p;
            else if (!placed)
            {
                array[kept++] = replacement;
                placed = true;
            }
        }
        if (!placed) array[kept++] = replacement;
        array[kept] = null;
        return new ExecStrings(array);
    }

    /// <summary>
    /// A copy encoded as UTF-8, for where the kernel's own array was not recorded. It lives as long as
    /// the init: each command is spawned from it once.
    /// </summary>
    public static ExecStrings FromUtf8(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)strings.Count + 1, (nuint)sizeof(byte*));
        for (int i = 0; i < strings.Count; i++)
        {
            int length = Encoding.UTF8.GetByteCount(strings[i]);
            var s = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(strings[i], new Span<byte>(s, length));
            s[length] = 0;
            array[i] = s;
        }
        array[strings.Count] = null;
        return new ExecStrings(array);
    }
}
