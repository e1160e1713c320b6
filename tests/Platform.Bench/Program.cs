using System.Globalization;
using Platform.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

switch (args)
{
    case ["eventstore", ..]:
        await EventStoreBenchmark.RunAsync();
        return 0;
    case ["needs", ..]:
        await NeedsBenchmark.RunAsync();
        return 0;
    case ["loop", ..]:
        await LoopBenchmark.RunAsync();
        return 0;
    case ["volunteers", ..]:
        await VolunteersBenchmark.RunAsync();
        return 0;
    case ["district", ..]:
        await DistrictBenchmark.RunAsync();
        return 0;
    default:
        Console.Error.WriteLine("Usage: ./platform bench eventstore|needs|loop|volunteers|district");
        return 2;
}
