using Platform.Messaging.RelayHost;
using Platform.ServiceDefaults;

return await ServiceHost.RunAsync(() => ParcelRelayService.Build(args));
