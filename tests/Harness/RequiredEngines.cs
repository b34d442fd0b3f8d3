using System;

namespace Init.Tests.Harness;

/// <summary>
/// Where a container engine cannot run, its tests are skipped with the reason; with
/// INIT_TESTS_REQUIRE_CONTAINERS set (.ci/run sets it) they run instead and fail with that reason.
/// </summary>
public static class RequiredEngines
{
    public static string? SkipReason(string? unavailable) =>
        Environment.GetEnvironmentVariable("INIT_TESTS_REQUIRE_CONTAINERS") is null ? unavailable : null;
}
