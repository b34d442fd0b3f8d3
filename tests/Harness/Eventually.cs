using System;
using System.Threading;

namespace Init.Tests.Harness;

/// <summary>Polls for an outcome the test cannot be told about, with a generous timeout only against hanging.</summary>
public static class Eventually
{
    public static void Until(Func<bool> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + InitProcess.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException(failure());
            Thread.Sleep(10);
        }
    }
}
