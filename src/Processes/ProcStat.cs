using System;
using System.Globalization;
using System.IO;

namespace Init.Processes;

/// <summary>The fields of /proc/PID/stat the init needs: name, state, parent, terminal, and the start time that tells a reused pid apart.</summary>
/// <param name="Name">Field 2: the executable's name as the kernel keeps it (comm), at most 15 bytes.</param>
/// <param name="State">Field 3: R, S, D, Z (zombie), T, ...</param>
/// <param name="ParentPid">Field 4: 0 for a process whose parent is outside the PID namespace (`docker exec`).</param>
/// <param name="Terminal">Field 7 (tty_nr): the device number of the controlling terminal; 0 for none.</param>
/// <param name="StartTime">
/// Field 22, in clock ticks since boot. A pid is reused only after the pid space wraps around, never
/// within one tick, so a pid and its start time name one process for good.
/// </param>
internal readonly record struct ProcStat(int Pid, string Name, char State, int ParentPid, int Terminal, ulong StartTime)
{
    public bool IsZombie => State == 'Z';

    public bool HasTerminal => Terminal != 0;

    public override string ToString() => $"{Pid} ({Name})";

    /// <summary>Reads /proc/PID/stat; false when the process is gone (or /proc is not there).</summary>
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return TryParse(text, out stat);
    }

    /// <summary>Parses the text of /proc/PID/stat. The command name (field 2) is in parentheses and may hold anything, spaces and ')' too.</summary>
    public static bool TryParse(string text, out ProcStat stat)
    {
        stat = default;
        int open = text.IndexOf(" (", StringComparison.Ordinal), close = text.LastIndexOf(')');
        if (open < 0 || close < open) return false;
        // After the name: field 3 (state) is index 0, field 4 (ppid) index 1, field 7 (tty_nr) index 4,
        // field 22 (starttime) index 19.
        string[] fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        if (!int.TryParse(text.AsSpan(0, open), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ||
            !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parent) ||
            !int.TryParse(fields[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int terminal) ||
            !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start))
            return false;
        stat = new ProcStat(pid, text[(open + 2)..close], fields[0][0], parent, terminal, start);
        return true;
    }
}
