using System.Globalization;
using Platform.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

if (args is not ["eventstore", ..])
{
    Console.Error.WriteLine("Usage: ./platform bench eventstore");
    return 2;
}
await EventStoreBenchmark.RunAsync();
return 0;
