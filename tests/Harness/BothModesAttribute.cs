using System;
using System.Collections.Generic;
using System.Reflection;
using Xunit.Sdk;

namespace Init.Tests.Harness;

/// <summary>
/// Runs a theory twice, with the init as PID 1 and as a plain process: <c>[BothModes]</c> for a theory
/// whose only parameter is the <see cref="Mode"/>, <c>[BothModes(15)]</c> for the arguments that follow it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class BothModesAttribute(params object[] rest) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[Mode.Pid1, .. rest], [Mode.Plain, .. rest]];
}
